// Logging a concern about an adult who works or volunteers at the school, or about oneself (KCSIE Part 4). The same
// zero threshold and care for the words as the concern form: a failed check keeps every word, each message sits by
// its field. Afterwards the person sees where it went (by role), and their own submissions and whether each was read.
// While the records are locked (no DSL signed in), the staff list is inside them: the form asks for the name typed,
// and what is recorded is sealed until a reader opens the records (decision 0020, addendum).
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import {
  adultConcernInputSchema,
  adultRelationshipLabels,
  adultRelationships,
  childHarmAnswers,
  childHarmLabels,
  type AppError,
  type CommandOutput,
  type myAdultConcernSchema,
} from '../../../../shared/api';
import { formatDate, formatDateTime, parseUkDate } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { useApp } from '../../app/AppContext';
import { hrefFor } from '../../app/routes';
import { AlertMessage, Button, CheckboxField, ErrorSummary, Fieldset, PageHeading, RadioGroup, SelectField, StatusMessage, TextField, checkWith, useForm, type FieldMessages } from '../../components';
import '../concerns/concerns.css';
import './adults.css';

type Mine = z.infer<typeof myAdultConcernSchema>;
type Logged = CommandOutput<'adults.log'>;

/** "Someone not on the list": the free-text fields appear. */
const NOT_LISTED = 'not-listed';

/** Why there is no list to choose from while the records are locked. */
const LOCKED_STAFF_NOTE = 'The staff list opens when a DSL signs in; type their name and role.';

/** What the person is told when it could not be stored yet (the reply's delivery is 'sealed'). */
const SEALED_FOR_RECIPIENT = 'Saved and sealed — it will reach the person who receives concerns about adults when the records are next opened.';

const blank = () => ({
  selfReport: false,
  subjectUserId: '',
  subjectName: '',
  subjectRole: '',
  subjectEmployer: '',
  subjectRelationship: 'staff',
  occurredDate: formatDate(new Date()),
  occurredTime: '',
  location: '',
  othersPresent: '',
  whatHappened: '',
  childHarm: '',
});

type Values = ReturnType<typeof blank>;

const fieldOrder = ['subject.userId', 'subject.name', 'subject.employer', 'occurredDate', 'occurredTime', 'whatHappened', 'childHarm'];

/**
 * The form's words as the command's input; the date is typed dd/MM/yyyy and checked by the shared rule. `typedOnly`:
 * there is no staff list to choose from (the records are locked), so the name typed is who it is about.
 */
function check(values: Values, typedOnly: boolean) {
  const extra: FieldMessages = {};
  const date = parseUkDate(values.occurredDate);
  if (!date.ok) extra.occurredDate = date.message;
  const subjectUserId = typedOnly && values.subjectUserId === '' ? NOT_LISTED : values.subjectUserId;
  if (!values.selfReport && subjectUserId === '') extra['subject.userId'] = 'Choose the adult from the staff list, or “Someone not on the list”';
  const listed = subjectUserId !== '' && subjectUserId !== NOT_LISTED;
  return checkWith(
    adultConcernInputSchema,
    {
      selfReport: values.selfReport,
      // Nobody chosen yet: the one message is "choose the adult", not one about a name field that is not shown.
      subject:
        values.selfReport || subjectUserId === ''
          ? undefined
          : listed
            ? { userId: subjectUserId }
            : { userId: null, name: values.subjectName, role: values.subjectRole, employer: values.subjectEmployer, relationship: values.subjectRelationship },
      occurredDate: date.ok ? date.isoDate : '',
      occurredTime: values.occurredTime.trim(),
      location: values.location,
      othersPresent: values.othersPresent,
      whatHappened: values.whatHappened,
      childHarm: values.childHarm === '' ? undefined : values.childHarm,
    },
    extra,
  );
}

const sentToWords: Record<NonNullable<Logged['sentTo']>, string> = {
  headteacher: 'the headteacher',
  dsl: 'the designated safeguarding lead named for these',
  chair_of_governors: 'the chair of governors',
};

/** What the person is told when this computer could not reach the records computer (the reply's delivery is 'outbox'). */
const SAVED_HERE_FOR_RECIPIENT =
  'Saved on this computer, not yet delivered — it will be sent when the records computer is back, and reach the person who receives concerns about adults when the records are next opened.';

/**
 * Sealed while the records were locked, or on this computer while the records computer could not be reached: where it
 * goes is decided inside the records, so the person is told what to do now.
 */
function Sealed({ logged, childHarm }: { logged: Logged; childHarm: string }) {
  return (
    <>
      <StatusMessage title={logged.delivery === 'outbox' ? 'Saved on this computer, not yet delivered' : 'Saved and sealed'}>
        <p>{logged.delivery === 'outbox' ? SAVED_HERE_FOR_RECIPIENT : SEALED_FOR_RECIPIENT}</p>
        <p>You recorded it at {formatDateTime(new Date(logged.recordedAt))}. Nobody can read it until then, not even you.</p>
      </StatusMessage>
      {(childHarm === 'yes' || childHarm === 'not_sure') && (
        // KCSIE: an allegation is reported straight away, not when a computer next opens the records.
        <AlertMessage title="Tell the headteacher in person now">
          <p>
            You think a child has been harmed, or could be. Speak to the headteacher in person now — or, if it is about the headteacher, the chair of governors. Do not wait for
            the records to be opened.
          </p>
        </AlertMessage>
      )}
    </>
  );
}

function Sent({ logged, childHarm, onAnother }: { logged: Logged; childHarm: string; onAnother: () => void }) {
  return (
    <>
      {logged.delivery !== 'stored' ? (
        <Sealed logged={logged} childHarm={childHarm} />
      ) : logged.ladoDirectly ? (
        <AlertMessage title="Tell the LADO now">
          <p>
            This allegation is about the headteacher, who is also the school’s proprietor, so it goes straight to the local authority designated officer (LADO). Phone them today.
          </p>
          {logged.ladoContact && (logged.ladoContact.phone || logged.ladoContact.email) ? (
            <p>
              <strong>{logged.ladoContact.name}</strong>
              {logged.ladoContact.phone && <>: {logged.ladoContact.phone}</>}
              {logged.ladoContact.email && <> ({logged.ladoContact.email})</>}
            </p>
          ) : (
            <p>The school has not yet filled in its LADO’s number: find it on the local authority’s website, or see <a href={hrefFor('contacts')}>Who to call</a>.</p>
          )}
        </AlertMessage>
      ) : (
        <StatusMessage title="Recorded">
          <p>
            Your {logged.kind === 'allegation' ? 'allegation' : 'low-level concern'} was recorded at {formatDateTime(new Date(logged.recordedAt))} and sent to {logged.sentTo ? sentToWords[logged.sentTo] : 'the person who receives it'} only.
          </p>
          {logged.nobodyToReceive && <p>Nobody has been named for that role in the app yet: tell them in person today as well.</p>}
        </StatusMessage>
      )}
      <p>Do not discuss it with the adult concerned. If a child is in immediate danger, call 999.</p>
      <Button variant="secondary" onClick={onAnother}>
        Record another
      </Button>
    </>
  );
}

export function LogAdultConcernPage() {
  const form = useForm<Values>(blank());
  const [staff, setStaff] = useState<Array<{ id: string; displayName: string }>>([]);
  const [mine, setMine] = useState<Mine[] | null>(null);
  const [mineLocked, setMineLocked] = useState(false);
  const [staffLocked, setStaffLocked] = useState(false);
  const [logged, setLogged] = useState<{ reply: Logged; childHarm: string } | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  const recordsLocked = useApp().status.records === 'locked' || staffLocked;

  const loadMine = () =>
    invoke('adults.mine', {}).then((result) => {
      setMineLocked(!result.ok && result.error.code === 'locked');
      if (result.ok) setMine(result.value);
      else if (result.error.code !== 'locked') setProblem(result.error);
    });

  useEffect(() => {
    void invoke('adults.staffList', {}).then((result) => {
      if (result.ok) setStaff(result.value);
      else setStaffLocked(result.error.code === 'locked');
    });
    void loadMine();
  }, []);

  const { values, set, bind } = form;
  // With no list to choose from (it is inside the locked records), the name is typed: the free-text fields at once.
  const typedOnly = recordsLocked && staff.length === 0;
  const notListed = typedOnly || values.subjectUserId === NOT_LISTED;

  const submit = () => {
    const childHarm = values.childHarm;
    return form.submit({
      check: (shown) => check(shown, typedOnly),
      send: (input) => invoke('adults.log', input),
      onSuccess: (value) => {
        setLogged({ reply: value, childHarm });
        form.reset(blank());
        void loadMine();
      },
    });
  };

  return (
    <section className="page narrow-page">
      <PageHeading caption="Keeping children safe in education, Part 4">Record a concern about an adult</PageHeading>
      <p className="lead">
        A worry about how an adult who works or volunteers here behaves towards children — a colleague, supply staff, a contractor, a volunteer, a governor — or about
        yourself. It goes to the headteacher (or the chair of governors if it is about the headteacher), never to the person it is about.
      </p>
      {logged ? (
        <Sent logged={logged.reply} childHarm={logged.childHarm} onAnother={() => setLogged(null)} />
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <ErrorSummary errors={form.errors} formError={form.formError} order={fieldOrder} idFor={form.idFor} failedSubmits={form.failedSubmits} />
          <Fieldset legend="Who it is about">
            <CheckboxField
              id={form.idFor('selfReport')}
              label="It is about me: I am recording a concern about my own conduct"
              hint="Staff are encouraged to do this, for example if a situation could be misread."
              checked={values.selfReport}
              onChange={(checked) => set('selfReport', checked)}
            />
            {!values.selfReport && (
              <>
                {!typedOnly && (
                  <SelectField
                  id={form.idFor('subject.userId')}
                  label="The adult"
                  error={form.errors['subject.userId']}
                  value={values.subjectUserId}
                  onChange={(value) => set('subjectUserId', value)}
                  placeholder="Choose from the staff list"
                  options={[...staff.map((person) => ({ value: person.id, label: person.displayName })), { value: NOT_LISTED, label: 'Someone not on the list' }]}
                  />
                )}
                {notListed && (
                  <>
                    <TextField
                      {...bind('subjectName')}
                      id={form.idFor('subject.name')}
                      error={form.errors['subject.name']}
                      label="Their name"
                      hint={typedOnly ? LOCKED_STAFF_NOTE : undefined}
                    />
                    <TextField {...bind('subjectRole')} id={form.idFor('subject.role')} error={form.errors['subject.role']} label="Their role (optional)" hint="For example supply teacher, caretaker, sports coach." />
                    <SelectField
                      id={form.idFor('subject.relationship')}
                      label="How they work with the school"
                      value={values.subjectRelationship}
                      onChange={(value) => set('subjectRelationship', value)}
                      options={adultRelationships.map((value) => ({ value, label: adultRelationshipLabels[value] }))}
                    />
                    <TextField
                      {...bind('subjectEmployer')}
                      id={form.idFor('subject.employer')}
                      error={form.errors['subject.employer']}
                      label="Their employer, agency or company"
                      hint="Needed for supply staff and contractors: their employer must be told of an allegation."
                    />
                  </>
                )}
              </>
            )}
          </Fieldset>
          <Fieldset legend="What happened">
            <TextField {...bind('occurredDate')} id={form.idFor('occurredDate')} error={form.errors.occurredDate} label="Date it happened" hint="For example 22/11/2026" width="short" />
            <TextField {...bind('occurredTime')} id={form.idFor('occurredTime')} error={form.errors.occurredTime} label="Time (optional)" hint="24-hour, for example 14:30" width="short" />
            <TextField {...bind('location')} id={form.idFor('location')} error={form.errors.location} label="Where (optional)" />
            <TextField {...bind('othersPresent')} id={form.idFor('othersPresent')} error={form.errors.othersPresent} label="Who else was there (optional)" multiline />
            <TextField
              {...bind('whatHappened')}
              id={form.idFor('whatHappened')}
              error={form.errors.whatHappened}
              label="What happened"
              hint="What you saw or heard, in your own words. Facts, not opinions."
              multiline
            />
            <RadioGroup
              id={form.idFor('childHarm')}
              legend="Do you think a child has been harmed, or could be?"
              hint="If yes, it is treated as an allegation and goes to the case manager at once."
              error={form.errors.childHarm}
              value={values.childHarm}
              onChange={(value) => set('childHarm', value)}
              options={childHarmAnswers.map((value) => ({ value, label: childHarmLabels[value] }))}
            />
          </Fieldset>
          <Button type="submit" busy={form.submitting} busyLabel="Recording…">
            Record the concern
          </Button>
        </form>
      )}

      <h2>What you have recorded</h2>
      {problem && <AlertMessage title="Your records could not be loaded">{problem.message}</AlertMessage>}
      {mineLocked && <p>Your list opens when a DSL signs in. Anything you record before then is sealed and safe, and reaches its recipient when the records are opened.</p>}
      {mine && mine.length === 0 && <p>You have not recorded any concerns about adults.</p>}
      {mine && mine.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Concerns about adults you have recorded, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Recorded</th>
                <th scope="col">About</th>
                <th scope="col">What you wrote</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {mine.map((row) => (
                <tr key={row.id}>
                  <td>{formatDateTime(new Date(row.recordedAt))}</td>
                  <td>{row.selfReport ? 'Yourself' : row.subjectName}</td>
                  <td className="adults__words">{row.whatHappened}</td>
                  <td>
                    <span className={`status-tag status-tag--${row.status === 'read' ? 'read' : 'submitted'}`}>{row.status === 'read' ? 'Read' : 'Not read yet'}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
