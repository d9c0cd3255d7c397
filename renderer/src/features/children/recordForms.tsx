// The smaller records on a child's file: status flags, external events, actions, reviews, and closing a concern.
import { commands, type Account, type ChildFile } from '../../../../shared/api';
import { concernOutcomeLabels, concernOutcomes, externalEventKinds, externalEventLabels, statusFlagLabels, statusFlags } from '../../../../shared/casework';
import { addCalendarDays, formatIsoDate } from '../../../../shared/calendar';
import type { Duration, ResolvedPack } from '../../../../shared/thresholds';
import { invoke } from '../../api';
import { CheckboxField, SelectField, TextField, Warning, useForm } from '../../components';
import { CaseForm, checkDated, DateField, nowTime, TimeField, todayIso, todayUk } from './caseworkForm';
import type { ChildConcern } from './childConcerns';

interface Common {
  pupilId: string;
  childName: string;
  onCancel: () => void;
  onSaved: (message: string) => void;
}

export function AddFlagForm({ pupilId, childName, onCancel, onSaved }: Common) {
  const form = useForm({ flag: '', startDate: todayUk(), endDate: '', source: '' });
  const submit = () =>
    void form.submit({
      check: (values) => checkDated(commands['children.addFlag'].input, { pupilId, ...values, flag: values.flag || undefined }, ['startDate'], ['endDate']),
      send: (input) => invoke('children.addFlag', input),
      onSuccess: () => onSaved(`${statusFlagLabels[form.values.flag as keyof typeof statusFlagLabels]} is added to the file.`),
    });
  return (
    <CaseForm form={form} title="Add a status" caption={childName} order={['flag', 'startDate', 'endDate', 'source']} submitLabel="Add the status" onSubmit={submit} onCancel={onCancel}>
      <SelectField {...form.bind('flag')} label="Status" placeholder="Choose a status" options={statusFlags.map((flag) => ({ value: flag, label: statusFlagLabels[flag] }))} />
      <DateField {...form.bind('startDate')} label="Start date" />
      <DateField {...form.bind('endDate')} label="End date (optional)" hint="Leave empty while it is current. For example 22/11/2026" />
      <TextField {...form.bind('source')} label="Where does this come from?" hint="For example the CP conference on 03/11/2026, or the EHC plan issued by the council." />
    </CaseForm>
  );
}

export function EndFlagForm({ flag, childName, onCancel, onSaved }: Omit<Common, 'pupilId'> & { flag: ChildFile['flags'][number] }) {
  const form = useForm({ endDate: todayUk() });
  const submit = () =>
    void form.submit({
      check: (values) => checkDated(commands['children.endFlag'].input, { flagId: flag.id, version: flag.version, ...values }, ['endDate']),
      send: (input) => invoke('children.endFlag', input),
      onSuccess: () => onSaved(`${statusFlagLabels[flag.flag]} has ended.`),
    });
  return (
    <CaseForm
      form={form}
      title={`End: ${statusFlagLabels[flag.flag]}`}
      caption={childName}
      order={['endDate']}
      submitLabel="End the status"
      onSubmit={submit}
      onCancel={onCancel}
      intro={
        <p>
          Started {formatIsoDate(flag.startDate)}.{flag.endDate ? ` Ended ${formatIsoDate(flag.endDate)}.` : ''} Source: {flag.source}. The status stays on the file, with its dates.
        </p>
      }
    >
      <DateField {...form.bind('endDate')} label="End date" />
    </CaseForm>
  );
}

export function EventForm({ pupilId, childName, onCancel, onSaved }: Common) {
  const form = useForm({ kind: '', occurredOn: todayUk(), occurredAtTime: nowTime(), summary: '', source: '', significant: false as boolean });
  const submit = () =>
    void form.submit({
      check: (values) => checkDated(commands['children.addEvent'].input, { pupilId, ...values, kind: values.kind || undefined }, ['occurredOn']),
      send: (input) => invoke('children.addEvent', input),
      onSuccess: () => onSaved('The event is in the chronology.'),
    });
  return (
    <CaseForm form={form} title="Log an external event" caption={childName} order={['kind', 'occurredOn', 'occurredAtTime', 'summary', 'source', 'significant']} submitLabel="Save the event" onSubmit={submit} onCancel={onCancel}>
      <SelectField {...form.bind('kind')} label="What happened?" placeholder="Choose the kind of event" options={externalEventKinds.map((kind) => ({ value: kind, label: externalEventLabels[kind] }))} />
      <DateField {...form.bind('occurredOn')} label="Date" />
      <TimeField {...form.bind('occurredAtTime')} label="Time" />
      <TextField {...form.bind('summary')} label="Summary" hint="For an Operation Encompass notification: what the police told you, and what the school will do today." multiline />
      <TextField {...form.bind('source')} label="Source (optional)" hint="Who told you, for example the police Operation Encompass officer." />
      <CheckboxField
        id={form.idFor('significant')}
        label="Mark as a significant event"
        hint="Events other than ‘Other event’ are always shown in the significant events view."
        checked={form.values.significant}
        error={form.errors.significant}
        onChange={(checked) => form.set('significant', checked)}
      />
    </CaseForm>
  );
}

export function ActionForm({ pupilId, childName, owners, onCancel, onSaved }: Common & { owners: Account[] }) {
  const form = useForm({ title: '', ownerId: '', dueOn: '' });
  const submit = () =>
    void form.submit({
      check: (values) => checkDated(commands['actions.create'].input, { pupilId, ...values }, ['dueOn'], []),
      send: (input) => invoke('actions.create', input),
      onSuccess: () => onSaved('The action is added.'),
    });
  return (
    <CaseForm form={form} title="Add an action" caption={childName} order={['title', 'ownerId', 'dueOn']} submitLabel="Add the action" onSubmit={submit} onCancel={onCancel}>
      <TextField {...form.bind('title')} label="What needs doing?" />
      <SelectField {...form.bind('ownerId')} label="Who will do it?" placeholder="Choose a member of staff" options={owners.map((owner) => ({ value: owner.id, label: owner.displayName }))} />
      <DateField {...form.bind('dueOn')} label="Due by" />
    </CaseForm>
  );
}

export function CompleteActionForm({ action, childName, onCancel, onSaved }: Omit<Common, 'pupilId'> & { action: ChildFile['openActions'][number] }) {
  const form = useForm({ notes: '' });
  const submit = () =>
    void form.submit({
      check: (values) => checkDated(commands['actions.complete'].input, { actionId: action.id, version: action.version, ...values }, []),
      send: (input) => invoke('actions.complete', input),
      onSuccess: () => onSaved(`“${action.title}” is done.`),
    });
  return (
    <CaseForm form={form} title="Complete an action" caption={childName} order={['notes']} submitLabel="Mark as done" onSubmit={submit} onCancel={onCancel} intro={<p>{action.title} — {action.ownerName}, due {formatIsoDate(action.dueOn)}.</p>}>
      <TextField {...form.bind('notes')} label="What was done?" multiline />
    </CaseForm>
  );
}

/** A pack's review interval in days: the shorter end of a range ("6–12 weeks" → 42). */
export function intervalDays(duration: Duration | undefined | null): number | null {
  if (!duration) return null;
  const perUnit: Partial<Record<Duration['unit'], number>> = { days: 1, working_days: 1, school_days: 1, weeks: 7, months: 30 };
  const days = perUnit[duration.unit];
  return days ? duration.amount * days : null;
}

function describeDuration(duration: Duration): string {
  const unit = duration.unit.replace('_', ' ');
  return duration.upTo ? `${duration.amount}–${duration.upTo} ${unit}` : `${duration.amount} ${unit}`;
}

export function ReviewForm({ pupilId, childName, owners, pack, levelId, onCancel, onSaved }: Common & { owners: Account[]; pack: ResolvedPack | null; levelId: string | null }) {
  const levelsWithInterval = (pack?.levels ?? []).filter((level) => level.reviewInterval);
  const initialLevel = levelsWithInterval.find((level) => level.id === levelId) ?? null;
  const initialDays = intervalDays(initialLevel?.reviewInterval);
  const form = useForm({ level: initialLevel?.id ?? '', title: '', intervalDays: initialDays ? String(initialDays) : '28', firstDueOn: formatIsoDate(addCalendarDays(todayIso(), initialDays ?? 28)), ownerId: '' });

  const chooseLevel = (id: string) => {
    form.set('level', id);
    const days = intervalDays(levelsWithInterval.find((level) => level.id === id)?.reviewInterval);
    if (days) {
      form.set('intervalDays', String(days));
      form.set('firstDueOn', formatIsoDate(addCalendarDays(todayIso(), days)));
    }
  };

  const submit = () =>
    void form.submit({
      check: (values) => checkDated(commands['reviews.create'].input, { pupilId, title: values.title, intervalDays: values.intervalDays.trim() === '' ? Number.NaN : Number(values.intervalDays), firstDueOn: values.firstDueOn, ownerId: values.ownerId }, ['firstDueOn']),
      send: (input) => invoke('reviews.create', input),
      onSuccess: () => onSaved('The review is set up.'),
    });
  return (
    <CaseForm form={form} title="Set up a review" caption={childName} order={['level', 'title', 'intervalDays', 'firstDueOn', 'ownerId']} submitLabel="Set up the review" onSubmit={submit} onCancel={onCancel}>
      {levelsWithInterval.length > 0 && (
        <SelectField
          {...form.bind('level')}
          onChange={chooseLevel}
          label="Level of need (sets the interval)"
          hint={`From the school’s pack: ${pack?.title ?? ''}.`}
          placeholder="Choose a level, or set the interval yourself"
          options={levelsWithInterval.map((level) => ({ value: level.id, label: `${level.code} ${level.label} — review every ${describeDuration(level.reviewInterval!)}` }))}
        />
      )}
      <TextField {...form.bind('title')} label="Name of the review" hint="For example Early help plan review." />
      <TextField {...form.bind('intervalDays')} label="Review every (days)" inputMode="numeric" width="short" />
      <DateField {...form.bind('firstDueOn')} label="First review due" />
      <SelectField {...form.bind('ownerId')} label="Who leads the review?" placeholder="Choose a member of staff" options={owners.map((owner) => ({ value: owner.id, label: owner.displayName }))} />
    </CaseForm>
  );
}

export function RecordReviewForm({ review, childName, onCancel, onSaved }: Omit<Common, 'pupilId'> & { review: ChildFile['reviews'][number] }) {
  const form = useForm({ notes: '', end: false as boolean });
  const submit = () =>
    void form.submit({
      check: (values) => checkDated(commands['reviews.record'].input, { reviewId: review.id, version: review.version, ...values }, []),
      send: (input) => invoke('reviews.record', input),
      onSuccess: (value) => onSaved(value.nextDueOn ? `The review is recorded. The next one is due ${formatIsoDate(value.nextDueOn)}.` : 'The review is recorded and the reviews have ended.'),
    });
  return (
    <CaseForm form={form} title="Record a review" caption={childName} order={['notes', 'end']} submitLabel="Save the review" onSubmit={submit} onCancel={onCancel} intro={<p>{review.title}: due {formatIsoDate(review.nextDueOn)}, every {review.intervalDays} days.</p>}>
      <TextField {...form.bind('notes')} label="What did the review find?" multiline />
      <CheckboxField id={form.idFor('end')} label="End these reviews" hint="No further reviews are needed." checked={form.values.end} onChange={(checked) => form.set('end', checked)} />
    </CaseForm>
  );
}

export function CloseConcernForm({ concern, childName, onCancel, onSaved, onLogNew }: Omit<Common, 'pupilId'> & { concern: ChildConcern; onLogNew: () => void }) {
  const form = useForm({ outcome: '', reason: '' });
  const submit = () =>
    void form.submit({
      check: (values) => checkDated(commands['concerns.close'].input, { concernId: concern.id, version: concern.version, outcome: values.outcome || undefined, reason: values.reason }, []),
      send: (input) => invoke('concerns.close', input),
      onSuccess: () => onSaved('The concern is closed.'),
    });
  return (
    <CaseForm
      form={form}
      title="Close a concern"
      caption={childName}
      order={['outcome', 'reason']}
      submitLabel="Close the concern"
      onSubmit={submit}
      onCancel={onCancel}
      intro={
        <>
          <p className="casework-quote">{concern.label}</p>
          <Warning>
            A closed concern is never reopened. If something new comes up later, log a new concern and link it to this one.{' '}
            <button type="button" className="link-button" onClick={onLogNew}>
              Log a new concern
            </button>
          </Warning>
        </>
      }
    >
      <SelectField {...form.bind('outcome')} label="Outcome" placeholder="Choose the outcome" options={concernOutcomes.map((outcome) => ({ value: outcome, label: concernOutcomeLabels[outcome] }))} />
      <TextField {...form.bind('reason')} label="Why can it be closed?" multiline />
    </CaseForm>
  );
}
