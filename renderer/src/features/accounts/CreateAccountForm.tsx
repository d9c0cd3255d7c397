import type { FormEvent } from 'react';
import { commands, mayGrantRole, roleLabels, roles, staffGroupLabels, staffGroups, type Account, type SessionUser } from '../../../../shared/api';
import { invoke } from '../../api';
import { Button, ButtonGroup, checkWith, ErrorSummary, PageHeading, RadioGroup, SelectField, TextField, useForm } from '../../components';

const order = ['displayName', 'username', 'role', 'staffGroup', 'temporaryPassword'];

const roleHints: Record<(typeof roles)[number], string> = {
  staff: 'Logs concerns and sees whether the DSL has received them. Most people.',
  dsl: 'Reads and acts on every concern and child’s record. Designated and deputy leads only.',
  head: 'Sees reports on the school’s safeguarding culture, not children’s records (make a head who is also a DSL a DSL).',
  admin: 'Manages accounts and settings. Sees no safeguarding records.',
  governor: 'The chair of governors: receives concerns and allegations about the headteacher, and nothing else.',
};

export function CreateAccountForm({ user, onCancel, onCreated }: { user: SessionUser; onCancel: () => void; onCreated: (account: Account) => void }) {
  const form = useForm({ displayName: '', username: '', role: '', staffGroup: '', temporaryPassword: '' });
  // Only a DSL grants the DSL and headteacher roles (the core refuses otherwise), so an administrator is not offered them.
  const offeredRoles = roles.filter((role) => mayGrantRole(user.role, role));
  const withheld = roles.some((role) => !offeredRoles.includes(role));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit({
      check: (values) => checkWith(commands['accounts.create'].input, values),
      send: (input) => invoke('accounts.create', input),
      onSuccess: onCreated,
    });
  };

  return (
    <section className="page">
      <PageHeading caption="Accounts">Add an account</PageHeading>
      <ErrorSummary errors={form.errors} formError={form.formError} order={order} idFor={form.idFor} failedSubmits={form.failedSubmits} />
      <form noValidate onSubmit={submit}>
        <TextField {...form.bind('displayName')} label="Full name" spellCheck={false} />
        <TextField
          {...form.bind('username')}
          label="Username"
          hint="What they type to sign in, for example j.smith. Letters, numbers, dots and dashes."
          width="medium"
          spellCheck={false}
        />
        <RadioGroup
          {...form.bind('role')}
          legend="Role"
          hint={withheld ? 'Only a DSL can create DSL and headteacher accounts: they open children’s records or the school’s culture figures.' : undefined}
          options={offeredRoles.map((role) => ({ value: role, label: roleLabels[role], hint: roleHints[role] }))}
        />
        <SelectField
          {...form.bind('staffGroup')}
          label="Job"
          hint="Used only to count, in reports, which groups of staff are raising concerns."
          placeholder="Choose the kind of job"
          options={staffGroups.map((group) => ({ value: group, label: staffGroupLabels[group] }))}
        />
        <TextField
          {...form.bind('temporaryPassword')}
          label="Temporary password"
          hint="At least 12 characters. Give it to them in person, not by email. They must choose their own password when they first sign in."
          autoComplete="off"
          width="medium"
          spellCheck={false}
        />
        <ButtonGroup>
          <Button type="submit" busy={form.submitting} busyLabel="Creating the account…">
            Create the account
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
