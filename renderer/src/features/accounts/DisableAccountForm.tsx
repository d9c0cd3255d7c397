import type { FormEvent } from 'react';
import { commands, type Account } from '../../../../shared/api';
import { invoke } from '../../api';
import { Button, ButtonGroup, checkWith, ErrorSummary, PageHeading, TextField, useForm } from '../../components';

export function DisableAccountForm({ account, onCancel, onDisabled }: { account: Account; onCancel: () => void; onDisabled: (account: Account) => void }) {
  const form = useForm({ reason: '' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit({
      check: (values) => checkWith(commands['accounts.disable'].input, { userId: account.id, version: account.version, reason: values.reason }),
      send: (input) => invoke('accounts.disable', input),
      onSuccess: onDisabled,
    });
  };

  return (
    <section className="page">
      <PageHeading caption="Accounts">Disable {account.displayName}’s account</PageHeading>
      <p className="lead">
        {account.displayName} ({account.username}) will no longer be able to sign in. Nothing they recorded is deleted. A DSL or administrator can re-enable the account later by resetting its password.
      </p>
      <ErrorSummary errors={form.errors} formError={form.formError} order={['reason']} idFor={form.idFor} failedSubmits={form.failedSubmits} />
      <form noValidate onSubmit={submit}>
        <TextField {...form.bind('reason')} label="Why is the account being disabled?" hint="For example: left the school on 18/07/2026. This is kept in the audit trail." multiline />
        <ButtonGroup>
          <Button type="submit" variant="warning" busy={form.submitting} busyLabel="Disabling…">
            Disable the account
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
