// Change my password: for everyone, and required straight after signing in with a temporary password.
import { useState, type FormEvent } from 'react';
import { commands } from '../../../../shared/api';
import { invoke } from '../../api';
import { Button, checkWith, ErrorSummary, PageHeading, StatusMessage, TextField, useForm } from '../../components';

const order = ['currentPassword', 'newPassword', 'confirmPassword'];
const empty = { currentPassword: '', newPassword: '', confirmPassword: '' };

interface ChangePasswordPageProps {
  required?: boolean;
  /** The temporary password the person has just signed in with (held by the page in memory), if known. */
  temporaryPassword?: string | null;
  onChanged?: () => void;
}

export function ChangePasswordPage({ required = false, temporaryPassword = null, onChanged }: ChangePasswordPageProps) {
  const carried = required && temporaryPassword !== null;
  const form = useForm(carried ? { ...empty, currentPassword: temporaryPassword } : empty);
  const [changed, setChanged] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChanged(false);
    void form.submit({
      check: (values) =>
        checkWith(
          commands['session.changePassword'].input,
          { currentPassword: values.currentPassword, newPassword: values.newPassword },
          values.newPassword !== values.confirmPassword ? { confirmPassword: 'The two new passwords do not match: type the same password twice' } : {},
        ),
      send: (input) => invoke('session.changePassword', input),
      onSuccess: () => {
        form.reset(empty);
        setChanged(true);
        onChanged?.();
      },
    });
  };

  return (
    <section className="page">
      <PageHeading>{required ? 'Choose your own password' : 'Change my password'}</PageHeading>
      {required && (
        <p className="lead">
          You signed in with a temporary password. Choose a password that only you know before you carry on. Nobody else, including your DSL or IT lead, will
          know it.
        </p>
      )}
      {changed && <StatusMessage title="Password changed">Use your new password next time you sign in or unlock.</StatusMessage>}
      <ErrorSummary errors={form.errors} formError={form.formError} order={order} idFor={form.idFor} failedSubmits={form.failedSubmits} />
      <form noValidate onSubmit={submit}>
        {/* Asked for only when it was not just typed, or if the core refuses the one carried over. */}
        {(!carried || form.errors.currentPassword) && (
          <TextField
            {...form.bind('currentPassword')}
            label={required ? 'Temporary password' : 'Current password'}
            hint={required ? 'The one you were given and have just signed in with.' : undefined}
            type="password"
            autoComplete="current-password"
            width="medium"
          />
        )}
        <TextField
          {...form.bind('newPassword')}
          label="New password"
          hint="At least 12 characters. Three random words work well, for example ‘teapot river window’."
          type="password"
          autoComplete="new-password"
          width="medium"
        />
        <TextField {...form.bind('confirmPassword')} label="Type the new password again" type="password" autoComplete="new-password" width="medium" />
        <Button type="submit" busy={form.submitting} busyLabel="Changing your password…">
          {required ? 'Save my password and continue' : 'Change my password'}
        </Button>
      </form>
    </section>
  );
}
