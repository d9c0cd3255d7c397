// Shown whenever the core has locked (idle, the Lock button, the privacy key). The records underneath are hidden
// and unreachable; only the locked person's password, or signing out, goes on from here.
import type { FormEvent } from 'react';
import { commands, type AppStatus, type SessionUser } from '../../../../shared/api';
import { invoke } from '../../api';
import { Button, checkWith, ErrorSummary, PageHeading, TextField, useForm } from '../../components';

interface LockScreenProps {
  user: SessionUser;
  school: AppStatus['school'];
  hiddenByPrivacyKey: boolean;
  onUnlocked: () => void;
  onSignOut: () => void;
}

export function LockScreen({ user, school, hiddenByPrivacyKey, onUnlocked, onSignOut }: LockScreenProps) {
  const form = useForm({ password: '' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit({
      check: (values) => checkWith(commands['session.unlock'].input, values),
      send: (input) => invoke('session.unlock', input),
      onSuccess: () => {
        form.reset();
        onUnlocked();
      },
    });
  };

  return (
    <div className="lock-screen" data-testid="lock-screen">
      <main id="lock-main" className="main narrow-page" tabIndex={-1}>
        <PageHeading caption={school?.name ?? 'Safeguarding Records'} focus={false}>
          {hiddenByPrivacyKey ? 'Screen hidden' : 'Locked'}
        </PageHeading>
        <p className="lead">
          <strong>{user.displayName}</strong>’s session is locked. Enter {user.displayName}’s password to carry on where you left off.
        </p>
        <ErrorSummary errors={form.errors} formError={form.formError} order={['password']} idFor={form.idFor} failedSubmits={form.failedSubmits} title="The app is still locked" />
        <form noValidate onSubmit={submit} className="panel">
          <TextField {...form.bind('password')} label={`Password for ${user.username}`} type="password" autoComplete="current-password" width="medium" autoFocus />
          <Button type="submit" busy={form.submitting} busyLabel="Unlocking…">
            Unlock
          </Button>
        </form>
        <h2 className="section-title">Not {user.displayName}?</h2>
        <p>Signing out ends this session. Anything {user.displayName} had not saved will be lost.</p>
        <Button variant="secondary" onClick={onSignOut}>
          Sign out and switch user
        </Button>
      </main>
    </div>
  );
}
