// Sign in with a username and password. A wrong password gets the server's message, which never says whether
// the username exists; after repeated failures it says when to try again.
import type { FormEvent } from 'react';
import { commands, type AppStatus } from '../../../../shared/api';
import { invoke } from '../../api';
import { Button, checkWith, ErrorSummary, PageHeading, TextField, useForm } from '../../components';

const order = ['username', 'password'];

/** `temporaryPassword` is the password just used when it must now be replaced, so the person need not type it again. */
export function SignInPage({ school, onSignedIn }: { school: AppStatus['school']; onSignedIn: (temporaryPassword: string | null) => void }) {
  const form = useForm({ username: '', password: '' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let typedPassword = '';
    void form.submit({
      check: (values) => checkWith(commands['session.signIn'].input, values),
      send: (input) => {
        typedPassword = input.password;
        return invoke('session.signIn', input);
      },
      onSuccess: (user) => onSignedIn(user.mustChangePassword ? typedPassword : null),
    });
  };

  return (
    <main id="main" className="main narrow-page sign-in" tabIndex={-1}>
      <PageHeading caption={school ? school.name : 'Safeguarding Records'}>Sign in</PageHeading>
      <ErrorSummary errors={form.errors} formError={form.formError} order={order} idFor={form.idFor} failedSubmits={form.failedSubmits} title="You could not be signed in" />
      <form noValidate onSubmit={submit} className="panel">
        <TextField {...form.bind('username')} label="Username" autoComplete="username" width="medium" spellCheck={false} />
        <TextField {...form.bind('password')} label="Password" type="password" autoComplete="current-password" width="medium" />
        <Button type="submit" busy={form.submitting} busyLabel="Signing in…">
          Sign in
        </Button>
      </form>
      <p className="muted">Forgotten your password? Ask your designated safeguarding lead or IT lead to reset it.</p>
    </main>
  );
}
