// The recipient's forms on a record about an adult. Each checks with the command's own schema before sending, keeps
// what was typed when a check fails, and shows each message beside its field.
import type { ReactNode } from 'react';
import { z } from 'zod';
import {
  adultActionLabels,
  adultResponseLabels,
  allegationOutcomeLabels,
  commands,
  type AdultConcernKind,
  type adultActionKinds,
  type adultResponseKinds,
  type allegationOutcomes,
} from '../../../../shared/api';
import { formatIsoDate, parseUkDate } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { Button, CheckboxField, ErrorSummary, RadioGroup, TextField, checkWith, useForm, type FieldMessages, type Form } from '../../components';

/** A dd/MM/yyyy date as yyyy-MM-dd, its message put beside `field` when it is not a real date. */
function ukDate(text: string, field: string, extra: FieldMessages, optional = false): string | null {
  if (optional && text.trim() === '') return null;
  const parsed = parseUkDate(text);
  if (parsed.ok) return parsed.isoDate;
  extra[field] = parsed.message;
  return '';
}

function FormShell<V extends Record<string, string | boolean>>({ form, order, submitLabel, onSubmit, children }: { form: Form<V>; order: string[]; submitLabel: string; onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      noValidate
      className="adults__section"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <ErrorSummary errors={form.errors} formError={form.formError} order={order} idFor={form.idFor} failedSubmits={form.failedSubmits} />
      {children}
      <Button type="submit" busy={form.submitting} busyLabel="Saving…">
        {submitLabel}
      </Button>
    </form>
  );
}

export function RespondForm({ id, kinds, onSaved }: { id: string; kinds: typeof adultResponseKinds; onSaved: () => void }) {
  const form = useForm({ kind: '', note: '' });
  const submit = () =>
    form.submit({
      check: (values) => checkWith(commands['adults.respond'].input, { id, kind: values.kind || undefined, note: values.note }),
      send: (input) => invoke('adults.respond', input),
      onSuccess: () => {
        form.reset({ kind: '', note: '' });
        onSaved();
      },
    });
  return (
    <FormShell form={form} order={['kind', 'note']} submitLabel="Record the response" onSubmit={() => void submit()}>
      <RadioGroup
        id={form.idFor('kind')}
        legend="What was done"
        error={form.errors.kind}
        value={form.values.kind}
        onChange={(value) => form.set('kind', value)}
        options={kinds.map((value) => ({ value, label: adultResponseLabels[value] }))}
      />
      <TextField {...form.bind('note')} label="Note (optional)" hint="What was said or arranged, and when." multiline />
    </FormShell>
  );
}

export function EscalateForm({ id, onSaved }: { id: string; onSaved: (allegationId: string) => void }) {
  const form = useForm({ reason: '' });
  const submit = () =>
    form.submit({
      check: (values) => checkWith(commands['adults.escalate'].input, { id, reason: values.reason }),
      send: (input) => invoke('adults.escalate', input),
      onSuccess: (value) => onSaved(value.allegationId),
    });
  return (
    <FormShell form={form} order={['reason']} submitLabel="Escalate to an allegation" onSubmit={() => void submit()}>
      <p>The allegation goes to the case manager, and the LADO must be consulted within one working day. This concern stays, linked to it.</p>
      <TextField {...form.bind('reason')} label="Why this now meets the harm threshold" multiline />
    </FormShell>
  );
}

export function LadoForm({ id, onSaved }: { id: string; onSaved: () => void }) {
  const blank = { consultedDate: '', consultedTime: '', officer: '', advice: '', reference: '' };
  const form = useForm(blank);
  const submit = () =>
    form.submit({
      check: (values) => {
        const extra: FieldMessages = {};
        const consultedDate = ukDate(values.consultedDate, 'consultedDate', extra);
        return checkWith(commands['adults.recordLado'].input, { id, ...values, consultedDate }, extra);
      },
      send: (input) => invoke('adults.recordLado', input),
      onSuccess: onSaved,
    });
  return (
    <FormShell form={form} order={['consultedDate', 'consultedTime', 'officer', 'advice', 'reference']} submitLabel="Record the LADO consultation" onSubmit={() => void submit()}>
      <TextField {...form.bind('consultedDate')} label="Date consulted" hint="For example 29/12/2026" width="short" />
      <TextField {...form.bind('consultedTime')} label="Time" hint="24-hour, for example 09:30" width="short" />
      <TextField {...form.bind('officer')} label="The LADO’s name (optional)" />
      <TextField {...form.bind('advice')} label="The LADO’s advice" multiline />
      <TextField {...form.bind('reference')} label="The LADO’s reference (optional)" width="medium" />
    </FormShell>
  );
}

export function ActionForm({ id, kinds, onSaved }: { id: string; kinds: typeof adultActionKinds; onSaved: () => void }) {
  const form = useForm({ kind: '', note: '' });
  const submit = () =>
    form.submit({
      check: (values) => checkWith(commands['adults.addAction'].input, { id, kind: values.kind || undefined, note: values.note }),
      send: (input) => invoke('adults.addAction', input),
      onSuccess: () => {
        form.reset({ kind: '', note: '' });
        onSaved();
      },
    });
  return (
    <FormShell form={form} order={['kind', 'note']} submitLabel="Record the action" onSubmit={() => void submit()}>
      <RadioGroup
        id={form.idFor('kind')}
        legend="Action"
        hint="Suspension is considered, not assumed: it is a neutral act, not a finding. Supply staff: tell their agency."
        error={form.errors.kind}
        value={form.values.kind}
        onChange={(value) => form.set('kind', value)}
        options={kinds.map((value) => ({ value, label: adultActionLabels[value] }))}
      />
      <TextField {...form.bind('note')} label="What was done and why" multiline />
    </FormShell>
  );
}

export function OutcomeForm({ id, outcomes, onSaved }: { id: string; outcomes: typeof allegationOutcomes; onSaved: () => void }) {
  const form = useForm({ outcome: '', decidedOn: '', note: '' });
  const submit = () =>
    form.submit({
      check: (values) => {
        const extra: FieldMessages = {};
        const decidedOn = ukDate(values.decidedOn, 'decidedOn', extra);
        return checkWith(commands['adults.recordOutcome'].input, { id, outcome: values.outcome || undefined, decidedOn, note: values.note }, extra);
      },
      send: (input) => invoke('adults.recordOutcome', input),
      onSuccess: onSaved,
    });
  return (
    <FormShell form={form} order={['outcome', 'decidedOn', 'note']} submitLabel="Record the outcome" onSubmit={() => void submit()}>
      <RadioGroup
        id={form.idFor('outcome')}
        legend="Outcome"
        error={form.errors.outcome}
        value={form.values.outcome}
        onChange={(value) => form.set('outcome', value)}
        options={outcomes.map((value) => ({ value, label: allegationOutcomeLabels[value].label, hint: allegationOutcomeLabels[value].meaning }))}
      />
      <TextField {...form.bind('decidedOn')} label="Date of the outcome" hint="For example 12/01/2027" width="short" />
      <TextField {...form.bind('note')} label="Note (optional)" multiline />
    </FormShell>
  );
}

export function ReferralForm({ id, onSaved }: { id: string; onSaved: () => void }) {
  const form = useForm({ body: '', referredOn: '', note: '' });
  const submit = () =>
    form.submit({
      check: (values) => {
        const extra: FieldMessages = {};
        const referredOn = ukDate(values.referredOn, 'referredOn', extra);
        return checkWith(commands['adults.recordReferral'].input, { id, body: values.body || undefined, referredOn, note: values.note }, extra);
      },
      send: (input) => invoke('adults.recordReferral', input),
      onSuccess: () => {
        form.reset({ body: '', referredOn: '', note: '' });
        onSaved();
      },
    });
  return (
    <FormShell form={form} order={['body', 'referredOn', 'note']} submitLabel="Record the referral" onSubmit={() => void submit()}>
      <RadioGroup
        id={form.idFor('body')}
        legend="Referred to"
        hint="The DBS where the person was removed from work with children, or would have been had they not left; the TRA for teachers where the case may warrant a prohibition order."
        error={form.errors.body}
        value={form.values.body}
        onChange={(value) => form.set('body', value)}
        options={[
          { value: 'dbs', label: 'Disclosure and Barring Service (DBS)' },
          { value: 'tra', label: 'Teaching Regulation Agency (TRA)' },
        ]}
      />
      <TextField {...form.bind('referredOn')} label="Date referred" hint="For example 30/12/2026" width="short" />
      <TextField {...form.bind('note')} label="Note (optional)" multiline />
    </FormShell>
  );
}

export function PersonDetailsForm({ id, kind, personLeftOn, dateOfBirth, onSaved }: { id: string; kind: AdultConcernKind; personLeftOn: string | null; dateOfBirth: string | null; onSaved: () => void }) {
  const form = useForm({ personLeftOn: personLeftOn ? formatIsoDate(personLeftOn) : '', dateOfBirth: dateOfBirth ? formatIsoDate(dateOfBirth) : '' });
  const submit = () =>
    form.submit({
      check: (values) => {
        const extra: FieldMessages = {};
        return checkWith(
          commands['adults.recordPersonDetails'].input,
          { id, personLeftOn: ukDate(values.personLeftOn, 'personLeftOn', extra, true), dateOfBirth: ukDate(values.dateOfBirth, 'dateOfBirth', extra, true) },
          extra,
        );
      },
      send: (input) => invoke('adults.recordPersonDetails', input),
      onSuccess: onSaved,
    });
  return (
    <FormShell form={form} order={['personLeftOn', 'dateOfBirth']} submitLabel="Save the dates" onSubmit={() => void submit()}>
      <TextField {...form.bind('personLeftOn')} label="Date the person left the school’s employment (if they have)" hint="For example 21/07/2027. Leave empty while they work here." width="short" />
      {kind === 'allegation' && <TextField {...form.bind('dateOfBirth')} label="Their date of birth (for their normal pension age)" hint="For example 01/05/1990" width="short" />}
    </FormShell>
  );
}

const confirmSchema = z.object({ confirm: z.literal(true, { message: 'Tick to confirm that the allegation is to be removed' }) });

export function RemoveForm({ id, onRemoved }: { id: string; onRemoved: () => void }) {
  const form = useForm<{ confirm: boolean }>({ confirm: false });
  const submit = () =>
    form.submit({
      check: (values) => checkWith(confirmSchema, { confirm: values.confirm }),
      send: () => invoke('adults.removeMalicious', { id, confirm: true }),
      onSuccess: onRemoved,
    });
  return (
    <section className="adults__section" aria-labelledby="remove-title">
      <h2 id="remove-title">Remove this malicious allegation</h2>
      <p>
        A malicious allegation is not kept on the person’s record. Removing it deletes everything written on it; the app keeps only that an allegation was removed, when
        and by whom. This cannot be undone.
      </p>
      <FormShell form={form} order={['confirm']} submitLabel="Remove the allegation" onSubmit={() => void submit()}>
        <CheckboxField
          id={form.idFor('confirm')}
          label="I confirm that this allegation was found to be malicious and is to be removed"
          error={form.errors.confirm}
          checked={form.values.confirm}
          onChange={(checked) => form.set('confirm', checked)}
        />
      </FormShell>
    </section>
  );
}
