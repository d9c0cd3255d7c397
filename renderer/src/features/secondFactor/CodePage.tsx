// The second step of signing in for a DSL, head or administrator: the code from their authenticator app, or one of
// their recovery codes. One field; the hub decides what is allowed until it is right (decision 0021).
import { useState, type FormEvent } from 'react';
import { secondFactorCodeSchema, type AppStatus, type SessionUser } from '../../../../shared/api';
import { invoke } from '../../api';
import { Button, checkWith, ErrorSummary, LinkButton, PageHeading, TextField, useForm } from '../../components';
import { z } from 'zod';

const order = ['code'];

export function CodePage({ user, school, onVerified, onSignOut }: { user: SessionUser; school: AppStatus['school']; onVerified: () => void; onSignOut: () => void }) {
  const form = useForm({ code: '' });
  const [recovery, setRecovery] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit({
      check: (values) =>
        checkWith(z.object({ code: secondFactorCodeSchema }), values, values.code.trim() ? {} : { code: recovery ? 'Enter one of your recovery codes' : 'Enter the 6-digit code from your authenticator app' }),
      send: (input) => invoke('session.verifyCode', input),
      onSuccess: onVerified,
    });
  };

  return (
    <main id="main" className="main narrow-page sign-in" tabIndex={-1}>
      <PageHeading caption={school ? school.name : 'Safeguarding Records'}>{recovery ? 'Enter a recovery code' : 'Enter the code from your authenticator app'}</PageHeading>
      <ErrorSummary errors={form.errors} formError={form.formError} order={order} idFor={form.idFor} failedSubmits={form.failedSubmits} title="That code did not work" />
      <p>
        Signing in as {user.displayName} ({user.username}).
      </p>
      <form noValidate onSubmit={submit} className="panel">
        {recovery ? (
          <TextField
            {...form.bind('code')}
            key="recovery"
            label="Recovery code"
            hint="One of the 10 codes you printed or saved when you set up your authenticator app, for example 7K2QM-9XD4B. Each works once."
            autoComplete="off"
            width="medium"
            spellCheck={false}
          />
        ) : (
          <TextField
            {...form.bind('code')}
            key="app"
            label="Code from your authenticator app"
            hint="Open the app on your phone and enter the 6 digits it shows for Safeguarding Records."
            autoComplete="one-time-code"
            inputMode="numeric"
            width="short"
            spellCheck={false}
          />
        )}
        <Button type="submit" busy={form.submitting} busyLabel="Checking…">
          Continue
        </Button>
      </form>
      <p>
        <LinkButton
          onClick={() => {
            setRecovery(!recovery);
            form.reset({ code: '' });
          }}
        >
          {recovery ? 'Use the code from your authenticator app instead' : 'Use a recovery code instead'}
        </LinkButton>
      </p>
      <p className="muted">Lost your phone and your recovery codes? Ask a DSL to reset your second factor; you will set up the app again at your next sign-in.</p>
      <p>
        <Button variant="secondary" onClick={onSignOut}>
          Sign out
        </Button>
      </p>
    </main>
  );
}
