// Log a concern: the form any member of staff uses, the moment they notice something. Built for someone who has
// never seen the app and has two minutes: the questions in the order people think of them, plain words, the
// duties that cannot wait shown as soon as they apply, and nothing typed is ever lost (drafts save themselves;
// a failed check keeps every word and lists what to fix).
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { v7 as uuidv7 } from 'uuid';
import { dutyBanners, type AppError, type Attachment, type FormContext, type SessionUser } from '../../../../shared/api';
import { formatDateTime, formatTime } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { useApp } from '../../app/AppContext';
import { hrefFor } from '../../app/routes';
import { AlertMessage, Button, ButtonGroup, CheckboxField, Disclosure, ErrorSummary, Fieldset, LinkButton, PageHeading, RadioGroup, StatusMessage, TextField, type FieldMessages } from '../../components';
import { AttachmentsField } from './AttachmentsField';
import { BodyMapEditor } from './BodyMap';
import { groupCategories } from './categoryGroups';
import { checkConcern, describeDraft, emptyConcernForm, fieldOrder, parseDraft, sectionMessages, type ConcernFormState } from './concernForm';
import { AboutAnAdultBanner, dslOnDuty, FgmBanner, ImmediateDangerBanner, PreventBanner } from './DutyBanners';
import { PupilPicker } from './PupilPicker';
import { useDraftAutosave, type DraftSaveState } from './useDraftAutosave';
import './concerns.css';

interface OfferedDraft {
  id: string;
  updatedAt: string;
  form: ConcernFormState;
}

/** The parts of the form most people skip, each behind a button (closed until needed). */
type Section = 'othersPresent' | 'moreCategories' | 'bodyMap' | 'attachments';
const closedSections: Record<Section, boolean> = { othersPresent: false, moreCategories: false, bodyMap: false, attachments: false };

/** Which sections to open so that every message, and everything already filled in, can be seen. */
function sectionsToOpen(form: ConcernFormState, attachments: readonly Attachment[], errors: FieldMessages, moreCategoryIds: readonly string[]): Partial<Record<Section, boolean>> {
  const open: Partial<Record<Section, boolean>> = {};
  if (errors.othersPresent || form.othersPresent.trim() !== '') open.othersPresent = true;
  if (errors.bodyMap || form.bodyMap.length > 0) open.bodyMap = true;
  if (errors.attachments || attachments.length > 0) open.attachments = true;
  if (!form.leaveToDsl && form.categories.some((id) => moreCategoryIds.includes(id))) open.moreCategories = true;
  return open;
}

/** What the form says instead of a search box while the roster is locked away (decision 0023). */
const LOCKED_ROSTER_NOTE = 'The pupil list opens when a DSL signs in. Type the child’s name and class below; the DSL will match it to the right pupil.';

const counted = (count: number, one: string, many: string) => (count === 0 ? undefined : `${count} ${count === 1 ? one : many}`);

function firstMessages(fields: Record<string, string[]> | undefined): FieldMessages {
  const messages: FieldMessages = {};
  for (const [path, list] of Object.entries(fields ?? {})) if (list[0]) messages[path] = list[0];
  return messages;
}

export function LogConcernPage({ user }: { user: SessionUser }) {
  // A fresh form (and a fresh draft) for "Log another concern".
  const [round, setRound] = useState(0);
  return <ConcernForm key={round} user={user} onAnother={() => setRound((value) => value + 1)} />;
}

function ConcernForm({ user, onAnother }: { user: SessionUser; onAnother: () => void }) {
  const { navigate, status } = useApp();
  const prefix = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const idFor = (path: string) => `${prefix}-${path.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  const [form, setForm] = useState<ConcernFormState>(() => emptyConcernForm());
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [context, setContext] = useState<FormContext | null>(null);
  const [contextProblem, setContextProblem] = useState<string | null>(null);
  const [offered, setOffered] = useState<OfferedDraft[]>([]);
  const [resumed, setResumed] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [formError, setFormError] = useState<AppError | null>(null);
  const [failedSubmits, setFailedSubmits] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [submitted, setSubmitted] = useState<{ id: string; recordedAt: string; delivery: 'stored' | 'sealed' | 'outbox'; message: string } | null>(null);
  const [changes, setChanges] = useState(0);
  // Sent with every try of this concern, so a try whose answer was lost and is sent again is stored once (decision 0024).
  const [submissionId, setSubmissionId] = useState(() => uuidv7());
  // A try the records computer did not answer: the words stay, and it is tried again while they are unchanged.
  const [unanswered, setUnanswered] = useState<{ error: AppError; changesAtTry: number; tries: number } | null>(null);
  const [sections, setSections] = useState(closedSections);
  // The roster is inside the records: while they are locked a search answers nothing, so the child is named in words.
  const [searchFoundLocked, setSearchFoundLocked] = useState(false);
  const [describing, setDescribing] = useState(false);
  const recordsLocked = status.records === 'locked' || searchFoundLocked;
  // Children already chosen stay on screen (with their parts) even if the records lock meanwhile: nothing is lost.
  const showPicker = !recordsLocked || form.pupils.length > 0;
  const showDescribed = recordsLocked || describing || form.childDescribed.trim() !== '';
  const autosave = useDraftAutosave(form, changes, recordsLocked);

  useEffect(() => {
    let live = true;
    void invoke('concerns.formContext', {}).then((result) => {
      if (!live) return;
      if (result.ok) setContext(result.value);
      else setContextProblem(result.error.message);
    });
    void invoke('drafts.mine', {}).then((result) => {
      if (!live || !result.ok) return;
      setOffered(result.value.flatMap((draft) => {
        const parsed = parseDraft(draft.form);
        return parsed ? [{ id: draft.id, updatedAt: draft.updatedAt, form: parsed }] : [];
      }));
    });
    return () => {
      live = false;
    };
  }, []);

  const change = (patch: Partial<ConcernFormState>) => {
    setForm((previous) => ({ ...previous, ...patch }));
    setChanges((count) => count + 1);
  };

  const text = (name: 'location' | 'othersPresent' | 'whatHappened' | 'childWords' | 'actionTaken' | 'fgmPoliceReference' | 'occurredDate' | 'occurredTime') => ({
    id: idFor(name),
    value: form[name],
    error: errors[name],
    onChange: (value: string) => change({ [name]: value }),
  });

  const categoryGroups = groupCategories(context?.categories ?? []);
  const moreCategoryIds = categoryGroups.more.flatMap((group) => group.categories.map((category) => category.id));
  const openSections = (patch: Partial<Record<Section, boolean>>) => setSections((previous) => ({ ...previous, ...patch }));
  const toggle = (section: Section) => (open: boolean) => openSections({ [section]: open });
  const categoryBox = (category: (typeof categoryGroups.common)[number]) => (
    <CheckboxField
      key={category.id}
      id={idFor(`category-${category.id}`)}
      label={category.label}
      hint={category.guidance}
      checked={!form.leaveToDsl && form.categories.includes(category.id)}
      onChange={(checked) => change({ leaveToDsl: false, categories: checked ? [...form.categories, category.id] : form.categories.filter((id) => id !== category.id) })}
    />
  );
  const moreChosen = form.leaveToDsl ? [] : (context?.categories ?? []).filter((category) => moreCategoryIds.includes(category.id) && form.categories.includes(category.id));

  const banners = dutyBanners({
    categories: form.leaveToDsl ? [] : form.categories,
    whatHappened: form.whatHappened,
    childWords: form.childWords,
    immediateDanger: form.immediateDanger,
    aboutAnAdult: form.aboutAnAdult,
    ...(context ? { categoryList: context.categories } : {}),
  });

  const resume = (draft: OfferedDraft) => {
    setForm(draft.form);
    if (draft.form.childDescribed.trim() !== '') setDescribing(true);
    setAttachments([]);
    setSections({ ...closedSections, ...sectionsToOpen(draft.form, [], {}, moreCategoryIds) });
    setErrors({});
    setFormError(null);
    autosave.switchDraft(draft.id);
    setOffered((list) => list.filter((item) => item.id !== draft.id));
    setResumed(`You are carrying on with the draft saved at ${formatDateTime(new Date(draft.updatedAt))}. Attachments are not kept in drafts: attach any files again.`);
  };

  const discardOffered = async (draft: OfferedDraft) => {
    const result = await invoke('drafts.discard', { draftId: draft.id });
    if (result.ok || result.error.code === 'not_found') setOffered((list) => list.filter((item) => item.id !== draft.id));
  };

  const discardCurrent = async () => {
    const draftId = await autosave.flush();
    if (draftId) await invoke('drafts.discard', { draftId });
    autosave.switchDraft(null);
    setConfirmDiscard(false);
    onAnother();
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (submitting || form.aboutAnAdult) return;
    const checked = checkConcern(form, attachments, autosave.draftId());
    if (!checked.ok) {
      setErrors(checked.errors);
      openSections(sectionsToOpen(form, attachments, checked.errors, moreCategoryIds));
      setFormError(null);
      setFailedSubmits((count) => count + 1);
      return;
    }
    setSubmitting(true);
    // Let a save in flight finish, so the draft this concern replaces is removed with it.
    const draftId = await autosave.flush();
    // Changed since a try that was never answered: that try may have arrived, so this is a new submission. The DSL
    // may then see both versions — never neither.
    const thisTry = unanswered && unanswered.changesAtTry !== changes ? uuidv7() : submissionId;
    if (thisTry !== submissionId) setSubmissionId(thisTry);
    const result = await invoke('concerns.submit', { ...checked.input, draftId, submissionId: thisTry });
    setSubmitting(false);
    if (result.ok) {
      setUnanswered(null);
      autosave.stop();
      setSubmitted(result.value);
      return;
    }
    if (result.error.code === 'unavailable') {
      setUnanswered((previous) => ({ error: result.error, changesAtTry: changes, tries: (previous?.tries ?? 0) + 1 }));
      setFormError(null);
      return;
    }
    setUnanswered(null);
    const messages = sectionMessages(firstMessages(result.error.fields));
    setErrors(messages);
    openSections(sectionsToOpen(form, attachments, messages, moreCategoryIds));
    setFormError(result.error);
    setFailedSubmits((count) => count + 1);
  };

  // Tried again by itself while the words are as they were sent: 5, 10, 20, then every 30 seconds.
  const retryInSeconds = unanswered ? Math.min(30, 5 * 2 ** Math.min(unanswered.tries - 1, 3)) : 0;
  const retrying = unanswered !== null && unanswered.changesAtTry === changes;
  useEffect(() => {
    if (!retrying || submitting) return;
    const timer = window.setTimeout(() => void submit(), retryInSeconds * 1000);
    return () => window.clearTimeout(timer);
    // submit is this render's: it sends the words on screen now, which are the words of the unanswered try.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [retrying, submitting, retryInSeconds, unanswered]);

  if (submitted) {
    // "No, not yet" to an urgent concern: the record alone does not tell anyone in time, so say so and say who to find.
    const dslNotYetTold = (form.urgent || form.immediateDanger) && form.spokenToDslInPerson === 'no';
    return (
      <section className="page narrow-page">
        <PageHeading>
          {dslNotYetTold
            ? 'Your concern is logged, but no DSL has been told yet'
            : submitted.delivery === 'outbox'
              ? 'Your concern is saved on this computer, not yet delivered'
              : submitted.delivery === 'sealed'
                ? 'Thank you — your concern is saved and sealed'
                : 'Thank you — the DSL has been told'}
        </PageHeading>
        {dslNotYetTold && (
          <AlertMessage title="Find a DSL now and tell them in person">
            <p>
              A DSL may not read this record for some time. Go now to {dslOnDuty(context)}.
            </p>
          </AlertMessage>
        )}
        <StatusMessage title={submitted.delivery === 'outbox' ? 'Saved on this computer, not yet delivered' : 'Your concern has been logged'}>
          {/* Sealed while the records are locked: the DSL will see it when they are next opened (decision 0022). Sealed
              here while the records computer cannot be reached: sent as soon as it answers (decision 0024). */}
          <p>{submitted.message}</p>
          {form.childDescribed.trim() !== '' && <p>The DSL will match the child you described — “{form.childDescribed.trim()}” — to the right pupil.</p>}
          <p>
            It was recorded at {formatDateTime(new Date(submitted.recordedAt))}.{' '}
            {submitted.delivery === 'outbox'
              ? 'It is sealed: no one can read it on this computer, you included. Leave the app open or come back to it; once it has been delivered, My concerns shows it and you can add to it.'
              : 'It cannot be changed now, but you can add to it at any time if you remember or learn something else.'}
          </p>
        </StatusMessage>
        {submitted.delivery === 'stored' && (
        <p>
          <a
            href={hrefFor('concern', { concernId: submitted.id })}
            onClick={(event) => {
              event.preventDefault();
              navigate('concern', { concernId: submitted.id });
            }}
          >
            Read the concern you logged
          </a>
        </p>
        )}
        <p>
          <a href={hrefFor('myConcerns')}>See all my concerns and whether the DSL has read them</a>
        </p>
        <Button variant="secondary" onClick={onAnother}>
          Log another concern
        </Button>
      </section>
    );
  }

  const urgentQuestion = form.urgent || form.immediateDanger;
  // With no search box, "choose a pupil" is answered in the words field: the summary's link goes there.
  const summaryIdFor = (path: string) => idFor(path === 'pupils' && !showPicker ? 'childDescribed' : path);

  return (
    <section className="page concern-form-page">
      <PageHeading caption={`Logged by ${user.displayName}`}>Log a concern</PageHeading>
      <p className="lead">
        Write down what you saw or heard, in your own words, as soon as you can. Facts, not opinions. Every small thing matters.{' '}
        <span className="muted">Your draft saves itself as you go. Only you and the designated safeguarding leads can read what you submit.</span>
      </p>

      {contextProblem && (
        <div className="notice notice--alert" role="alert">
          <p className="notice__title">Some guidance could not be loaded</p>
          <p className="notice__body">{contextProblem} You can still write and submit the concern.</p>
        </div>
      )}

      {offered.length > 0 && (
        <section className="panel drafts-panel" aria-labelledby={`${prefix}-drafts`}>
          <h2 className="section-title section-title--first" id={`${prefix}-drafts`}>
            You have {offered.length === 1 ? 'an unfinished concern' : `${offered.length} unfinished concerns`}
          </h2>
          <p>Carry on where you left off, or start a new one below. Attachments are not kept in drafts.</p>
          <ul className="drafts-list">
            {offered.map((draft) => (
              <li key={draft.id} className="drafts-list__item">
                <p id={`${prefix}-draft-${draft.id}`}>
                  <strong>Saved {formatDateTime(new Date(draft.updatedAt))}</strong> — {describeDraft(draft.form)}
                </p>
                <ButtonGroup>
                  <Button variant="secondary" onClick={() => resume(draft)} aria-describedby={`${prefix}-draft-${draft.id}`}>
                    Carry on with this draft
                  </Button>
                  <Button variant="secondary" onClick={() => void discardOffered(draft)} aria-describedby={`${prefix}-draft-${draft.id}`}>
                    Discard it
                  </Button>
                </ButtonGroup>
              </li>
            ))}
          </ul>
        </section>
      )}
      {resumed && <StatusMessage title="Draft opened">{resumed}</StatusMessage>}

      <ErrorSummary errors={errors} formError={formError} order={fieldOrder} idFor={summaryIdFor} failedSubmits={failedSubmits} />

      <form
        noValidate
        onSubmit={(event) => void submit(event)}
        onBlur={() => {
          void autosave.flush();
        }}
        onKeyDown={(event) => {
          // Submitting is final, so Enter in a one-line box never sends the form by accident; the button does.
          const target = event.target as HTMLElement;
          if (event.key === 'Enter' && target instanceof HTMLInputElement && target.type !== 'checkbox' && target.type !== 'radio') event.preventDefault();
        }}
        className="concern-form"
      >
        <div className={form.immediateDanger ? 'danger-choice danger-choice--on' : 'danger-choice'}>
          <CheckboxField
            id={idFor('immediateDanger')}
            label="A child is in immediate danger now"
            hint="For example: a child has just been seriously hurt, is about to be hurt, or has gone missing and is at risk."
            checked={form.immediateDanger}
            onChange={(immediateDanger) => change({ immediateDanger })}
          />
          {form.immediateDanger && <ImmediateDangerBanner context={context} />}
        </div>

        {/* On a wide screen the short sections sit side by side; the reading and Tab order stay as written. */}
        <div className="concern-form__pair">
        <Fieldset legend="Who is it about?">
          {showPicker && (
            <PupilPicker
              id={idFor('pupils')}
              chosen={form.pupils}
              onChange={(pupils) => change({ pupils })}
              error={errors.pupils}
              role={user.role}
              onRecordsLocked={() => setSearchFoundLocked(true)}
            />
          )}
          {showPicker && !showDescribed && (
            <p className="pupil-picker__fallback">
              <LinkButton onClick={() => setDescribing(true)}>Not on the list? Type their name and class instead</LinkButton>
            </p>
          )}
          {showDescribed && (
            <TextField
              id={idFor('childDescribed')}
              label="The child’s name and class"
              hint={
                recordsLocked ? (
                  <>
                    <strong>{LOCKED_ROSTER_NOTE}</strong> For example “Amy Hughes, class 5H”. Name anyone else involved too.
                  </>
                ) : (
                  'As you know them, for example “Amy Hughes, class 5H”. The DSL will match it to the right pupil.'
                )
              }
              value={form.childDescribed}
              error={errors.childDescribed ?? (showPicker ? undefined : errors.pupils)}
              onChange={(childDescribed) => change({ childDescribed })}
              width="medium"
            />
          )}
          <CheckboxField
            id={idFor('aboutAnAdult')}
            label="The concern is about an adult who works or volunteers at the school"
            hint="Staff, supply staff, volunteers, contractors or governors."
            checked={form.aboutAnAdult}
            onChange={(aboutAnAdult) => change({ aboutAnAdult })}
          />
          {form.aboutAnAdult && <AboutAnAdultBanner context={context} />}
        </Fieldset>

        <Fieldset legend="When and where">
          <div className="field-row">
            <TextField {...text('occurredDate')} label="Date it happened" hint="For example 22/11/2026" width="short" />
            <TextField {...text('occurredTime')} label="Time" hint="24-hour, for example 14:30" width="short" />
          </div>
          <TextField {...text('location')} label="Where it happened" hint="For example: the playground, Year 4 classroom, the school gate." width="medium" />
          <Disclosure title="Who else was there (optional)" summary={form.othersPresent.trim() ? 'filled in' : undefined} open={sections.othersPresent} onToggle={toggle('othersPresent')}>
            <TextField {...text('othersPresent')} label="Who else was there (optional)" hint="Adults and children who saw or heard it." multiline />
          </Disclosure>
        </Fieldset>
        </div>

        <Fieldset legend="What happened">
          <div className="concern-form__pair concern-form__pair--fields">
          <TextField
            {...text('whatHappened')}
            label="What you saw or heard"
            hint="The facts, in your own words: what happened, what you noticed, in the order it happened. Not what you think it means."
            multiline
          />
          <div className="child-words-field">
            <TextField
              {...text('childWords')}
              label="What the child said, in their own words (optional)"
              hint="Write their exact words, even if they are rude or wrongly spelt. Do not tidy them up or put them in your words — a court may read this."
              multiline
              spellCheck={false}
            />
          </div>
          </div>
        </Fieldset>

        <fieldset className="fieldset fieldset--section concern-categories" aria-describedby={`${idFor('categories')}-intro`}>
          <legend className="fieldset__legend">What kind of concern is it?</legend>
          <p className="fieldset__intro" id={`${idFor('categories')}-intro`}>
            Tick any that fit. If you are not sure, leave it to the DSL — that is fine.
          </p>
          {errors.categories && (
            <p className="field__error">
              <span className="visually-hidden">Error: </span>
              {errors.categories}
            </p>
          )}
          <div className="leave-to-dsl">
            <CheckboxField
              id={idFor('categories')}
              label="I am not sure: leave it to the DSL"
              checked={form.leaveToDsl}
              onChange={(leaveToDsl) => change(leaveToDsl ? { leaveToDsl, categories: [] } : { leaveToDsl })}
            />
          </div>
          <div className="category-grid">{categoryGroups.common.map(categoryBox)}</div>
          {categoryGroups.more.length > 0 && (
            <Disclosure
              title={`More kinds of concern (${moreCategoryIds.length})`}
              summary={moreChosen.length > 0 ? `Ticked: ${moreChosen.map((category) => category.label).join(', ')}` : categoryGroups.more.map((group) => group.title.toLowerCase()).join('; ')}
              open={sections.moreCategories}
              onToggle={toggle('moreCategories')}
            >
              {categoryGroups.more.map((group) => (
                <fieldset key={group.title} className="fieldset category-group">
                  <legend className="category-group__legend">{group.title}</legend>
                  <div className="category-grid">{group.categories.map(categoryBox)}</div>
                </fieldset>
              ))}
            </Disclosure>
          )}
        </fieldset>

        <div aria-live="polite">
          {banners.includes('fgm') && (
            <FgmBanner>
              <TextField {...text('fgmPoliceReference')} label="Police reference number, once you have reported it" hint="Add it later as an addendum if you do not have it yet." width="medium" />
            </FgmBanner>
          )}
          {banners.includes('prevent') && <PreventBanner />}
        </div>

        <Disclosure title="Marks or injuries (optional)" summary={counted(form.bodyMap.length, 'mark', 'marks')} open={sections.bodyMap} onToggle={toggle('bodyMap')}>
          <BodyMapEditor id={idFor('bodyMap')} marks={form.bodyMap} onChange={(bodyMap) => change({ bodyMap })} error={errors.bodyMap} />
        </Disclosure>

        <Disclosure title="Files (optional)" summary={counted(attachments.length, 'file', 'files')} open={sections.attachments} onToggle={toggle('attachments')}>
          <AttachmentsField id={idFor('attachments')} files={attachments} onChange={setAttachments} error={errors.attachments} />
        </Disclosure>

        <Fieldset legend="What you have done">
          <div className="concern-form__pair concern-form__pair--fields">
          <TextField
            {...text('actionTaken')}
            label="Action you have already taken (optional)"
            hint="For example: comforted the child, told the class teacher, called 999. Write “none” if you have not done anything yet."
            multiline
          />
          <div>
          <CheckboxField
            id={idFor('urgent')}
            label="This is urgent: the DSL needs to know today"
            checked={form.urgent}
            onChange={(urgent) => change({ urgent })}
          />
          {urgentQuestion && (
            <RadioGroup
              id={idFor('spokenToDslInPerson')}
              legend="Have you spoken to a DSL in person?"
              hint="For anything urgent, find a DSL and tell them face to face as well as writing it here."
              error={errors.spokenToDslInPerson}
              value={form.spokenToDslInPerson}
              onChange={(value) => change({ spokenToDslInPerson: value as 'yes' | 'no' })}
              options={[
                { value: 'yes', label: 'Yes, I have told a DSL in person' },
                { value: 'no', label: 'No, not yet', hint: 'Go and find them as soon as you have submitted this.' },
              ]}
            />
          )}
          </div>
          </div>
        </Fieldset>

        <div className="concern-form__actions">
          {form.aboutAnAdult && (
            <p className="concern-form__blocked" id={`${prefix}-blocked`}>
              You cannot submit this form while it says the concern is about an adult: tell the headteacher now (see above).
            </p>
          )}
          {unanswered && (
            <StatusMessage title="Not sent yet — your words are safe on this screen">
              <p>{unanswered.error.message}</p>
              <p>
                {retrying
                  ? `It will be tried again by itself in about ${retryInSeconds} seconds (tried ${unanswered.tries} ${unanswered.tries === 1 ? 'time' : 'times'} so far). Keep this page open.`
                  : 'You have changed the form since it was sent, so it is not tried again by itself: press “Submit the concern” when you are ready.'}
              </p>
              {retrying && (
                <Button variant="secondary" onClick={() => void submit()} disabled={submitting}>
                  Try now
                </Button>
              )}
            </StatusMessage>
          )}
          <p className="muted">Once you submit, the concern cannot be changed or deleted. You can add to it afterwards.</p>
          <ButtonGroup>
            <Button type="submit" busy={submitting} busyLabel="Submitting…" disabled={form.aboutAnAdult} aria-describedby={form.aboutAnAdult ? `${prefix}-blocked` : undefined}>
              Submit the concern
            </Button>
            {confirmDiscard ? (
              <span className="discard-confirm">
                <span>Delete everything on this form?</span>
                <Button variant="warning" onClick={() => void discardCurrent()}>
                  Yes, discard it
                </Button>
                <Button variant="secondary" onClick={() => setConfirmDiscard(false)}>
                  No, keep it
                </Button>
              </span>
            ) : (
              <Button variant="secondary" onClick={() => setConfirmDiscard(true)}>
                Discard this draft
              </Button>
            )}
          </ButtonGroup>
          <DraftStatus state={autosave.state} />
        </div>
      </form>
    </section>
  );
}

function DraftStatus({ state }: { state: DraftSaveState }) {
  let message: ReactNode = '';
  if (state.kind === 'saving') message = 'Saving draft…';
  if (state.kind === 'saved') message = `Draft saved at ${formatTime(new Date(state.at))}`;
  if (state.kind === 'failed') message = state.message;
  return (
    <p className={state.kind === 'failed' ? 'draft-status draft-status--failed' : 'draft-status'} role="status">
      {message}
    </p>
  );
}
