// What a signed-in person sees: first anything that must be done before the records are used (confirming the
// recovery key after setup, replacing a temporary password, setting up an authenticator app), then the app itself.
import { confirmsRecoveryKey, type AppStatus, type SessionUser } from '../../../shared/api';
import { useState } from 'react';
import { EnrolSecondFactorPage, KeepRecoveryCodesPage } from '../features/secondFactor/EnrolSecondFactorPage';
import { ChangePasswordPage } from '../features/session/ChangePasswordPage';
import { ConfirmRecoveryKeyPage } from '../features/setup/RecoveryKeyPage';
import { useApp } from './AppContext';
import type { Location } from './routes';
import { Masthead } from './Masthead';
import { Shell } from './Shell';

interface SignedInAppProps {
  status: AppStatus;
  user: SessionUser;
  location: Location;
  recoveryKey: string | null;
  onRecoveryKeyConfirmed: () => void;
  /** The temporary password just signed in with, kept in memory only, so the forced change does not ask for it again. */
  temporaryPassword: string | null;
  onPasswordChanged: () => void;
}

export function SignedInApp({ status, user, location, recoveryKey, onRecoveryKeyConfirmed, temporaryPassword, onPasswordChanged }: SignedInAppProps) {
  const { refresh } = useApp();
  /** The recovery codes just made at enrolment, in memory only until the person says they are kept. */
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  if (!status.recoveryKeyConfirmed && confirmsRecoveryKey(user.role)) {
    return (
      <>
        <Masthead user={user} school={status.school} canSignOut={recoveryKey === null} />
        <main id="main" className="main narrow-page" tabIndex={-1}>
          <ConfirmRecoveryKeyPage
            recoveryKey={recoveryKey}
            school={status.school}
            onConfirmed={() => {
              onRecoveryKeyConfirmed();
              void refresh();
            }}
          />
        </main>
      </>
    );
  }

  if (user.mustChangePassword) {
    return (
      <>
        <Masthead user={user} school={status.school} />
        <main id="main" className="main narrow-page" tabIndex={-1}>
          <ChangePasswordPage
            required
            temporaryPassword={temporaryPassword}
            onChanged={() => {
              onPasswordChanged();
              void refresh();
            }}
          />
        </main>
      </>
    );
  }

  // After the recovery key and the person's own password: nothing opens until the authenticator app is set up.
  if (status.mustEnrolSecondFactor || recoveryCodes) {
    return (
      <>
        <Masthead user={user} school={status.school} canSignOut={recoveryCodes === null} />
        <main id="main" className="main narrow-page" tabIndex={-1}>
          {recoveryCodes ? (
            <KeepRecoveryCodesPage codes={recoveryCodes} user={user} school={status.school} onDone={() => setRecoveryCodes(null)} />
          ) : (
            <EnrolSecondFactorPage
              onEnrolled={(codes) => {
                setRecoveryCodes(codes);
                void refresh();
              }}
            />
          )}
        </main>
      </>
    );
  }

  return <Shell status={status} user={user} location={location} />;
}
