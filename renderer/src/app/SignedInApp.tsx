// What a signed-in person sees: first anything that must be done before the records are used (confirming the
// recovery key after setup, replacing a temporary password), then the app itself.
import { confirmsRecoveryKey, type AppStatus, type SessionUser } from '../../../shared/api';
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

  return <Shell status={status} user={user} location={location} />;
}
