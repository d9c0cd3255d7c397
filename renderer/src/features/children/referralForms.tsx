// What happens to a referral after it is made: the acknowledgement, the outcome of assessment, chasing when nothing
// comes back, and escalation through the local stages when the DSL disagrees with the decision.
import { useState } from 'react';
import { commands, type ReferralClock } from '../../../../shared/api';
import { agencyLabels, referralMethodLabels, referralMethods, referralOutcomeLabels, referralOutcomes } from '../../../../shared/casework';
import { formatDateTime } from '../../../../shared/calendar';
import type { Escalation, Timescale } from '../../../../shared/thresholds';
import { invoke } from '../../api';
import { Button, checkWith, FieldError, RadioGroup, SelectField, TextField, useForm } from '../../components';
import { CaseForm, checkDated, DateField, nowTime, TimeField, todayUk } from './caseworkForm';
import { clockSentence } from './clockText';

interface ReferralFormProps {
  referral: ReferralClock;
  childName: string;
  onCancel: () => void;
  onSaved: (message: string) => void;
}

const referralName = (referral: ReferralClock) => `${agencyLabels[referral.agency]} (${referral.contactName}), ${formatDateTime(new Date(referral.referredAt))}`;

function ReferralSummary({ referral }: { referral: ReferralClock }) {
  return (
    <div className="panel casework-summary">
      <p>
        <strong>Referral to {referralName(referral)}</strong>
        {referral.reference ? `. Reference ${referral.reference}` : ''}
      </p>
      <p>{clockSentence(referral)}</p>
    </div>
  );
}

export function AcknowledgeForm({ referral, childName, onCancel, onSaved }: ReferralFormProps) {
  const form = useForm({ acknowledgedOn: todayUk(), acknowledgedAtTime: nowTime(), reference: referral.reference, note: '' });
  const submit = () =>
    void form.submit({
      check: (values) => checkDated(commands['referrals.acknowledge'].input, { referralId: referral.id, version: referral.version, ...values }, ['acknowledgedOn']),
      send: (input) => invoke('referrals.acknowledge', input),
      onSuccess: () => onSaved('The acknowledgement is recorded. The clock now counts towards the outcome of assessment.'),
    });
  return (
    <CaseForm form={form} title="Record the acknowledgement" caption={childName} order={['acknowledgedOn', 'acknowledgedAtTime', 'reference', 'note']} submitLabel="Save the acknowledgement" onSubmit={submit} onCancel={onCancel} intro={<ReferralSummary referral={referral} />}>
      <DateField {...form.bind('acknowledgedOn')} label="Date acknowledged" />
      <TimeField {...form.bind('acknowledgedAtTime')} label="Time acknowledged" />
      <TextField {...form.bind('reference')} label="Their reference number (optional)" width="medium" />
      <TextField {...form.bind('note')} label="What they said (optional)" hint="For example who acknowledged it and what happens next." multiline />
    </CaseForm>
  );
}

export function OutcomeForm({ referral, childName, onCancel, onSaved }: ReferralFormProps) {
  const form = useForm({ outcome: '', summary: '', outcomeOn: todayUk() });
  const submit = () =>
    void form.submit({
      check: (values) => checkDated(commands['referrals.recordOutcome'].input, { referralId: referral.id, version: referral.version, outcome: values.outcome || undefined, summary: values.summary, outcomeOn: values.outcomeOn }, ['outcomeOn']),
      send: (input) => invoke('referrals.recordOutcome', input),
      onSuccess: () => onSaved('The outcome is recorded. If you disagree with it, you can escalate it from the child’s file.'),
    });
  return (
    <CaseForm form={form} title="Record the outcome" caption={childName} order={['outcome', 'summary', 'outcomeOn']} submitLabel="Save the outcome" onSubmit={submit} onCancel={onCancel} intro={<ReferralSummary referral={referral} />}>
      <RadioGroup {...form.bind('outcome')} legend="What did the agency decide?" options={referralOutcomes.map((outcome) => ({ value: outcome, label: referralOutcomeLabels[outcome] }))} />
      <TextField {...form.bind('summary')} label="Summary of their decision" multiline />
      <DateField {...form.bind('outcomeOn')} label="Date of the outcome" />
    </CaseForm>
  );
}

export function ChaseForm({ referral, childName, onCancel, onSaved }: ReferralFormProps) {
  const form = useForm({ method: 'phone', note: '' });
  const submit = () =>
    void form.submit({
      check: (values) => checkWith(commands['referrals.chase'].input, { referralId: referral.id, ...values }),
      send: (input) => invoke('referrals.chase', input),
      onSuccess: () => onSaved('The chase is recorded in the chronology.'),
    });
  return (
    <CaseForm form={form} title="Record a chase" caption={childName} order={['method', 'note']} submitLabel="Save the chase" onSubmit={submit} onCancel={onCancel} intro={<ReferralSummary referral={referral} />}>
      <RadioGroup {...form.bind('method')} legend="How did you chase?" options={referralMethods.map((method) => ({ value: method, label: referralMethodLabels[method] }))} />
      <TextField {...form.bind('note')} label="Whom did you chase, and what did they say?" multiline />
    </CaseForm>
  );
}

/** Working days a pack stage allows, when its timescale says so in days; otherwise a DSL fills it in. */
function stageDays(timescale: Timescale | undefined): string {
  if (timescale?.when !== 'within') return '';
  const { amount, unit } = timescale.duration;
  if (unit === 'working_days' || unit === 'school_days' || unit === 'days') return String(amount);
  if (unit === 'weeks') return String(amount * 5);
  return '';
}

type Stage = { title: string; workingDays: string };

export function EscalateForm({ referral, childName, escalation, onCancel, onSaved }: ReferralFormProps & { escalation: Escalation | undefined }) {
  const fromPack = (escalation?.stages ?? []).map((stage) => ({ title: stage.who ? `${stage.action} (${stage.who})` : stage.action, workingDays: stageDays(stage.timescale) }));
  const [stages, setStages] = useState<Stage[]>(fromPack.length > 0 ? fromPack : [{ title: '', workingDays: '' }]);
  const form = useForm({ disagreement: '' });
  const setStage = (index: number, change: Partial<Stage>) => setStages((previous) => previous.map((stage, at) => (at === index ? { ...stage, ...change } : stage)));

  const submit = () =>
    void form.submit({
      check: (values) =>
        checkWith(commands['referrals.escalate'].input, {
          referralId: referral.id,
          disagreement: values.disagreement,
          stages: stages.map((stage) => ({ title: stage.title, workingDays: stage.workingDays.trim() === '' ? Number.NaN : Number(stage.workingDays) })),
        }),
      send: (input) => invoke('referrals.escalate', input),
      onSuccess: (value) => onSaved(`The escalation is recorded. The procedure should be resolved by ${formatDateTime(new Date(value.resolveBy))}.`),
    });

  const stageOrder = stages.flatMap((_, index) => [`stages.${index}.title`, `stages.${index}.workingDays`]);
  return (
    <CaseForm
      form={form}
      title="Escalate a disagreement"
      caption={childName}
      order={['disagreement', 'stages', ...stageOrder]}
      submitLabel="Start the escalation"
      onSubmit={submit}
      onCancel={onCancel}
      intro={
        <>
          <ReferralSummary referral={referral} />
          <p>
            {escalation
              ? `The stages below come from the school’s pack: ${escalation.title}.${escalation.note ? ` ${escalation.note}` : ''} Change them if the current procedure differs.`
              : 'The school’s pack gives no escalation stages. Enter the stages of your local escalation procedure.'}
          </p>
        </>
      }
    >
      <TextField {...form.bind('disagreement')} label="What do you disagree with, and why?" multiline />
      <fieldset className="fieldset fieldset--section" id={form.idFor('stages')} tabIndex={-1}>
        <legend className="fieldset__legend">Escalation stages</legend>
        <FieldError id={form.idFor('stages')} message={form.errors.stages} />
        <ol className="casework-stages">
          {stages.map((stage, index) => (
            <li key={index} className="casework-stages__stage">
              <TextField id={form.idFor(`stages.${index}.title`)} label={`Stage ${index + 1}: what happens`} value={stage.title} error={form.errors[`stages.${index}.title`]} onChange={(title) => setStage(index, { title })} />
              <TextField
                id={form.idFor(`stages.${index}.workingDays`)}
                label={`Stage ${index + 1}: working days allowed`}
                value={stage.workingDays}
                error={form.errors[`stages.${index}.workingDays`] ? 'Enter a number of working days from 0 to 60' : undefined}
                onChange={(workingDays) => setStage(index, { workingDays })}
                inputMode="numeric"
                width="short"
              />
              {stages.length > 1 && (
                <Button variant="quiet" onClick={() => setStages((previous) => previous.filter((_, at) => at !== index))}>
                  Remove stage {index + 1}
                </Button>
              )}
            </li>
          ))}
        </ol>
        {stages.length < 10 && (
          <Button variant="secondary" onClick={() => setStages((previous) => [...previous, { title: '', workingDays: '' }])}>
            Add a stage
          </Button>
        )}
      </fieldset>
    </CaseForm>
  );
}

export function EscalationStepForm({ referral, childName, onCancel, onSaved }: ReferralFormProps) {
  const escalation = referral.escalation!;
  const form = useForm({ stage: String(Math.min(escalation.stepsTaken + 1, escalation.stages.length)), note: '' });
  const submit = () =>
    void form.submit({
      check: (values) => checkWith(commands['escalations.step'].input, { escalationId: escalation.id, stage: Number(values.stage), note: values.note }),
      send: (input) => invoke('escalations.step', input),
      onSuccess: () => onSaved('The escalation stage is recorded.'),
    });
  return (
    <CaseForm form={form} title="Record an escalation stage" caption={childName} order={['stage', 'note']} submitLabel="Save the stage" onSubmit={submit} onCancel={onCancel} intro={<ReferralSummary referral={referral} />}>
      <SelectField {...form.bind('stage')} label="Stage" options={escalation.stages.map((stage, index) => ({ value: String(index + 1), label: `Stage ${index + 1}: ${stage.title}` }))} />
      <TextField {...form.bind('note')} label="What happened at this stage?" multiline />
    </CaseForm>
  );
}

export function ResolveEscalationForm({ referral, childName, onCancel, onSaved }: ReferralFormProps) {
  const form = useForm({ resolution: '' });
  const submit = () =>
    void form.submit({
      check: (values) => checkWith(commands['escalations.resolve'].input, { escalationId: referral.escalation!.id, version: referral.escalation!.version, resolution: values.resolution }),
      send: (input) => invoke('escalations.resolve', input),
      onSuccess: () => onSaved('The escalation is resolved.'),
    });
  return (
    <CaseForm form={form} title="Resolve the escalation" caption={childName} order={['resolution']} submitLabel="Save the resolution" onSubmit={submit} onCancel={onCancel} intro={<ReferralSummary referral={referral} />}>
      <TextField {...form.bind('resolution')} label="How was it resolved?" multiline />
    </CaseForm>
  );
}
