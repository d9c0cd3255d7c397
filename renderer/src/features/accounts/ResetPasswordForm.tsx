// A password reset needs someone to vouch for it: the school's recovery key, or a DSL's own username and password.
import type { FormEvent } from 'react';
import { commands, type Account } from '../../../../shared/api';
import { invoke } from '../../api';
import { Button, ButtonGroup, checkWith, ErrorSummary, Fieldset, PageHeading, RadioGroup, TextField, useForm } from '../../components';

const order = ['temporaryPassword', 'authority.kind', 'authority.recoveryKey', 'authority.username', 'authority.password'];

const empty = { temporaryPassword: '', 'authority.kind': '', 'authority.recoveryKey': '', 'authority.username': '', 'authority.password': '' };

export function ResetPasswordForm({ account, onCancel, onReset }: { account: Account; onCancel: () => void; onReset: (account: Account) => void }) {
  const form = useForm(empty);
  const kind = form.values['authority.kind'];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit({
      check: (values) => {
        const authority =
          values['authority.kind'] === 'recovery_key'
            ? { kind: 'recovery_key', recoveryKey: values['authority.recoveryKey'] }
            : values['authority.kind'] === 'dsl'
              ? { kind: 'dsl', username: values['authority.username'], password: values['authority.password'] }
              : undefined;
        return checkWith(
          commands['accounts.resetPassword'].input,
          { userId: account.id, temporaryPassword: values.temporaryPassword, authority },
          authority ? {} : { 'authority.kind': 'Choose who is authorising this reset' },
        );
      },
      send: (input) => invoke('accounts.resetPassword', input),
      onSuccess: onReset,
    });
  };

  // zod reports a missing union under `authority`; show it on the choice.
  const errors = { ...form.errors };
  if (errors.authority && !errors['authority.kind']) errors['authority.kind'] = errors.authority;
  delete errors.authority;

  return (
    <section className="page">
      <PageHeading caption="Accounts">Reset {account.displayName}’s password</PageHeading>
      <p className="lead">
        {account.displayName} ({account.username}) will sign in with the temporary password you set here, then choose their own.
        {account.status === 'disabled' ? ' This also re-enables their account.' : ''}
      </p>
      <ErrorSummary errors={errors} formError={form.formError} order={order} idFor={form.idFor} failedSubmits={form.failedSubmits} />
      <form noValidate onSubmit={submit}>
        <TextField
          {...form.bind('temporaryPassword')}
          label="Temporary password"
          hint="At least 12 characters. Give it to them in person, not by email."
          autoComplete="off"
          width="medium"
          spellCheck={false}
        />
        <RadioGroup
          {...form.bind('authority.kind')}
          error={errors['authority.kind']}
          legend="Who is authorising this reset?"
          hint="So that nobody can take over someone else’s account alone, a reset needs the recovery key or a designated safeguarding lead’s password."
          options={[
            { value: 'dsl', label: 'A designated safeguarding lead', hint: 'Any active DSL other than the person whose password is being reset. If you are a DSL, this can be you.' },
            { value: 'recovery_key', label: 'The school’s recovery key', hint: 'The key printed when the school was set up.' },
          ]}
        />
        {kind === 'dsl' && (
          <Fieldset legend="The DSL authorising the reset">
            <TextField {...form.bind('authority.username')} label="DSL’s username" autoComplete="off" width="medium" spellCheck={false} />
            <TextField {...form.bind('authority.password')} label="DSL’s password" type="password" autoComplete="off" width="medium" />
          </Fieldset>
        )}
        {kind === 'recovery_key' && (
          <TextField
            {...form.bind('authority.recoveryKey')}
            label="Recovery key"
            hint="52 letters and numbers. Type them with or without the spaces between groups."
            autoComplete="off"
            spellCheck={false}
          />
        )}
        <ButtonGroup>
          <Button type="submit" busy={form.submitting} busyLabel="Resetting…">
            Reset the password
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
