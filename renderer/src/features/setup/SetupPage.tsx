// First run: the school, then the first designated safeguarding lead. On success the core returns the recovery
// key, which the next page shows once.
import type { FormEvent } from 'react';
import { commands, localAuthorities } from '../../../../shared/api';
import { Button, checkWith, ErrorSummary, Fieldset, PageHeading, SelectField, TextField, useForm, Warning } from '../../components';
import { invoke } from '../../api';

const setupSchema = commands['setup.create'].input;
const order = [
  'school.name',
  'school.urn',
  'school.localAuthority',
  'dsl.displayName',
  'dsl.username',
  'dsl.password',
  'dsl.confirmPassword',
  'dslOnDuty.name',
  'dslOnDuty.extension',
  'dslOnDuty.whereToFind',
];

const emptySetup = {
  'school.name': '',
  'school.urn': '',
  'school.localAuthority': '',
  'dsl.displayName': '',
  'dsl.username': '',
  'dsl.password': '',
  'dsl.confirmPassword': '',
  'dslOnDuty.name': '',
  'dslOnDuty.extension': '',
  'dslOnDuty.whereToFind': '',
};

export function SetupPage({ onCreated }: { onCreated: (recoveryKey: string) => void }) {
  const form = useForm(emptySetup);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit({
      check: (v) =>
        checkWith(
          setupSchema,
          {
            school: { name: v['school.name'], urn: v['school.urn'], localAuthority: v['school.localAuthority'] },
            dsl: { username: v['dsl.username'], displayName: v['dsl.displayName'], password: v['dsl.password'] },
            // Optional: left blank, the getting-started list asks again on the DSL's home page.
            ...(v['dslOnDuty.name'] || v['dslOnDuty.extension'] || v['dslOnDuty.whereToFind']
              ? { dslOnDuty: { name: v['dslOnDuty.name'], extension: v['dslOnDuty.extension'], whereToFind: v['dslOnDuty.whereToFind'] } }
              : {}),
          },
          v['dsl.password'] !== v['dsl.confirmPassword'] ? { 'dsl.confirmPassword': 'The two passwords do not match: type the same password twice' } : {},
        ),
      send: (input) => invoke('setup.create', input),
      onSuccess: (value) => onCreated(value.recoveryKey),
    });
  };

  return (
    <main id="main" className="main narrow-page" tabIndex={-1}>
      <PageHeading caption="Safeguarding Records">Set up your school</PageHeading>
      <p className="lead">
        This takes about five minutes. You will set up the school, then the first designated safeguarding lead (DSL) account, and then print a recovery key.
      </p>
      <ErrorSummary errors={form.errors} formError={form.formError} order={order} idFor={form.idFor} failedSubmits={form.failedSubmits} />
      <form noValidate onSubmit={submit}>
        <Fieldset legend="Your school">
          <TextField {...form.bind('school.name')} label="School name" autoComplete="organization" />
          <TextField
            {...form.bind('school.urn')}
            label="URN (Unique Reference Number)"
            hint="6 digits. Find it on Get Information about Schools, or on letters from the Department for Education."
            inputMode="numeric"
            width="short"
          />
          <SelectField
            {...form.bind('school.localAuthority')}
            label="Local authority"
            hint="The council whose safeguarding partnership your school belongs to."
            placeholder="Choose the local authority"
            options={localAuthorities.map((la) => ({ value: la.id, label: la.name }))}
          />
        </Fieldset>
        <Fieldset legend="The first designated safeguarding lead">
          <p className="fieldset__intro">This person can read every child’s record and create the other accounts. You can add deputies afterwards.</p>
          <TextField {...form.bind('dsl.displayName')} label="Full name" autoComplete="name" spellCheck={false} />
          <TextField
            {...form.bind('dsl.username')}
            label="Username"
            hint="What they type to sign in, for example j.smith. Letters, numbers, dots and dashes."
            autoComplete="username"
            width="medium"
            spellCheck={false}
          />
          <TextField
            {...form.bind('dsl.password')}
            label="Password"
            hint="At least 12 characters. Three random words work well, for example ‘teapot river window’."
            type="password"
            autoComplete="new-password"
            width="medium"
          />
          <TextField {...form.bind('dsl.confirmPassword')} label="Type the password again" type="password" autoComplete="new-password" width="medium" />
        </Fieldset>
        <Fieldset legend="Who staff find in an emergency (optional)">
          <p className="fieldset__intro">
            When someone records that a child is in immediate danger, the app tells them to call 999 and to find this person straight away. You can change it
            later in Settings.
          </p>
          <TextField {...form.bind('dslOnDuty.name')} label="DSL to find in person" hint="For example: Ms Patel, or the duty DSL on the rota." />
          <TextField {...form.bind('dslOnDuty.extension')} label="Phone extension or number" hint="Digits only, for example 214." width="short" />
          <TextField {...form.bind('dslOnDuty.whereToFind')} label="Where to find them" hint="For example: the office next to reception." />
        </Fieldset>
        <Warning>
          The password protects every record. Nobody, including IT, can read the records without it or without the recovery key you will print next.
        </Warning>
        <Button type="submit" busy={form.submitting} busyLabel="Setting up… this takes a few seconds">
          Set up the school
        </Button>
      </form>
    </main>
  );
}
