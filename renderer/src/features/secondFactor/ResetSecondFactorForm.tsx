// Clearing a lost authenticator: the person's sessions end and they set the app up again at their next sign-in.
import { useState } from 'react';
import type { Account, AppError } from '../../../../shared/api';
import { invoke } from '../../api';
import { AlertMessage, Button, ButtonGroup, PageHeading } from '../../components';

export function ResetSecondFactorForm({ account, onCancel, onReset }: { account: Account; onCancel: () => void; onReset: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<AppError | null>(null);
  const reset = async () => {
    setBusy(true);
    const result = await invoke('accounts.resetSecondFactor', { userId: account.id });
    setBusy(false);
    if (result.ok) onReset();
    else setProblem(result.error);
  };
  return (
    <section className="page narrow-page">
      <PageHeading caption="Accounts">Reset {account.displayName}’s second factor</PageHeading>
      {problem && (
        <AlertMessage title="The second factor was not reset">
          <p>{problem.message}</p>
        </AlertMessage>
      )}
      <p className="lead">Do this when {account.displayName} has lost the phone with their authenticator app, or replaced it, and has no recovery code left.</p>
      <ul className="list">
        <li>Check it is really them asking — in person or by a phone number you already know.</li>
        <li>They will be signed out everywhere, and will set up the app again the next time they sign in with their password.</li>
        <li>Their old recovery codes stop working.</li>
      </ul>
      <ButtonGroup>
        <Button variant="warning" busy={busy} onClick={() => void reset()}>
          Reset second factor
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </ButtonGroup>
    </section>
  );
}
