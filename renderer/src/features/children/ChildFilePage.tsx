// A child's safeguarding file (DSL only; every view is audited by the core): what is open and due, the referrals
// against their clocks, actions and reviews, the profile with dated statuses, the information-sharing log and the
// chronology. Each record is made on its own form page and the file is reloaded afterwards.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Account, AppError, ChildFile, ChronologyEntry, CommandOutput, ReferralClock, SessionUser } from '../../../../shared/api';
import { agencyForDecision, agencyLabels, consentLabels, lawfulBasisLabels, referralOutcomeLabels, statusFlagLabels } from '../../../../shared/casework';
import { formatDateTime, formatIsoDate } from '../../../../shared/calendar';
import type { ResolvedPack } from '../../../../shared/thresholds';
import { invoke } from '../../api';
import { useApp } from '../../app/AppContext';
import { hrefFor } from '../../app/routes';
import { AlertMessage, Button, ButtonGroup, LinkButton, PageHeading, StatusMessage } from '../../components';
import { AssessmentForm } from './AssessmentForm';
import { RecordReload } from './caseworkForm';
import { concernsFrom, type ChildConcern } from './childConcerns';
import { Chronology } from './Chronology';
import { clockSentence, isOverdueClock } from './clockText';
import { DecisionForm, type SavedDecision } from './DecisionForm';
import { ReferralForm } from './ReferralForm';
import { AcknowledgeForm, ChaseForm, EscalateForm, EscalationStepForm, OutcomeForm, ResolveEscalationForm } from './referralForms';
import { ActionForm, AddFlagForm, CloseConcernForm, CompleteActionForm, EndFlagForm, EventForm, RecordReviewForm, ReviewForm } from './recordForms';
import './children.css';

type View =
  | { kind: 'file' }
  | { kind: 'decision'; concernId?: string }
  | { kind: 'referral'; decision: SavedDecision | null }
  | { kind: 'acknowledge' | 'outcome' | 'chase' | 'escalate' | 'escalationStep' | 'resolveEscalation'; referral: ReferralClock }
  | { kind: 'action' | 'review' | 'flag' | 'event' | 'assessment' }
  | { kind: 'completeAction'; action: ChildFile['openActions'][number] }
  | { kind: 'recordReview'; review: ChildFile['reviews'][number] }
  | { kind: 'endFlag'; flag: ChildFile['flags'][number] }
  | { kind: 'close'; concern: ChildConcern };

interface Loaded {
  file: ChildFile;
  chronology: ChronologyEntry[];
  sharing: CommandOutput<'sharing.log'>;
  /** Every referral for this child, including those with an outcome (which can still be escalated). */
  referrals: ReferralClock[];
}

function childName(file: ChildFile): string {
  const { preferredName, legalFirstName, legalLastName } = file.pupil;
  return `${preferredName || legalFirstName} ${legalLastName}`;
}

function Section({ title, id, children, action }: { title: string; id: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="child-section" aria-labelledby={id}>
      <div className="child-section__head">
        <h2 className="section-title" id={id}>
          {title}
        </h2>
        {action}
      </div>
      {children}
    </section>
  );
}

function Profile({ file, onAddFlag, onEndFlag }: { file: ChildFile; onAddFlag: () => void; onEndFlag: (flag: ChildFile['flags'][number]) => void }) {
  const { pupil } = file;
  const details: [string, string][] = [
    ['Legal name', `${pupil.legalFirstName} ${pupil.legalLastName}`],
    ['Preferred name', pupil.preferredName ?? '—'],
    ['Date of birth', formatIsoDate(pupil.dateOfBirth)],
    ['Year and class', [pupil.yearGroup ? `Year ${pupil.yearGroup}` : null, pupil.registrationGroup].filter(Boolean).join(', ') || '—'],
    ['UPN', pupil.upn ?? '—'],
    ['Gender', pupil.gender ?? '—'],
    ['SEN', pupil.senStatus ?? '—'],
    ['Address', [pupil.address, pupil.postcode].filter(Boolean).join(', ') || '—'],
    ['Ethnicity', pupil.ethnicity || '—'],
    ['First language', pupil.firstLanguage || '—'],
    ['Religion', pupil.religion || '—'],
  ];
  if (pupil.leftOn) details.push(['Left the school', formatIsoDate(pupil.leftOn)]);
  return (
    <>
      <Section title="Pupil details" id="child-details">
        <dl className="child-details">
          {details.map(([term, value]) => (
            <div key={term} className="child-details__row">
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </Section>
      <Section title="Household and contacts" id="child-contacts">
        {pupil.contacts.length === 0 ? (
          <p className="muted">No contacts are recorded in the roster.</p>
        ) : (
          <ul className="child-list">
            {pupil.contacts.map((contact, index) => (
              <li key={index}>
                <strong>{contact.name}</strong>
                {contact.relationship ? `, ${contact.relationship}` : ''}
                {contact.phone ? ` — ${contact.phone}` : ''}
                {contact.parentalResponsibility ? ' (has parental responsibility)' : ''}
              </li>
            ))}
          </ul>
        )}
        <h3>Siblings at this school</h3>
        {file.siblings.length === 0 ? (
          <p className="muted">None recorded.</p>
        ) : (
          <ul className="child-list">
            {file.siblings.map((sibling) => (
              <li key={sibling.id}>
                <a href={hrefFor('child', { pupilId: sibling.id })}>{sibling.name}</a>
                {sibling.yearGroup ? `, Year ${sibling.yearGroup}` : ''}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Status" id="child-flags" action={<Button variant="secondary" onClick={onAddFlag}>Add a status</Button>}>
        {file.flags.length === 0 ? (
          <p className="muted">No status is recorded (for example a child protection plan, looked after, EHC plan).</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Statuses, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                  <th scope="col">Source</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {file.flags.map((flag) => (
                  <tr key={flag.id}>
                    <th scope="row">
                      {statusFlagLabels[flag.flag]} {flag.current ? <span className="queue-tag">Current</span> : <span className="muted">(ended)</span>}
                    </th>
                    <td>{formatIsoDate(flag.startDate)}</td>
                    <td>{flag.endDate ? formatIsoDate(flag.endDate) : '—'}</td>
                    <td>{flag.source}</td>
                    <td>
                      {!flag.endDate && (
                        <LinkButton onClick={() => onEndFlag(flag)}>
                          End<span className="visually-hidden"> {statusFlagLabels[flag.flag]}</span>
                        </LinkButton>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </>
  );
}

function ReferralCard({ referral, onView }: { referral: ReferralClock; onView: (view: View) => void }) {
  const overdue = isOverdueClock(referral.clock);
  const what = `${agencyLabels[referral.agency]} on ${formatDateTime(new Date(referral.referredAt))}`;
  const hidden = (text: string) => <span className="visually-hidden"> {text}</span>;
  return (
    <li className={overdue ? 'referral-card referral-card--overdue' : 'referral-card'}>
      <h3 className="referral-card__title">
        Referral to {agencyLabels[referral.agency]} — {referral.contactName}
      </h3>
      <p>
        Referred {formatDateTime(new Date(referral.referredAt))}
        {referral.reference ? `. Reference ${referral.reference}` : '. No reference yet'}.
        {referral.acknowledgedAt ? ` Acknowledged ${formatDateTime(new Date(referral.acknowledgedAt))}.` : ''}
        {referral.chases > 0 ? ` Chased ${referral.chases} ${referral.chases === 1 ? 'time' : 'times'}.` : ''}
      </p>
      <p className="referral-card__clock">
        {overdue && <span className="queue-tag queue-tag--danger">Overdue</span>} {clockSentence(referral)}
        {referral.outcome ? ` Outcome: ${referralOutcomeLabels[referral.outcome]}.` : ''}
      </p>
      {referral.escalation && (
        <p>
          Escalation {referral.escalation.resolvedAt ? `resolved ${formatDateTime(new Date(referral.escalation.resolvedAt))}` : `to be resolved by ${formatDateTime(new Date(referral.escalation.resolveBy))}`}: {referral.escalation.stepsTaken} of{' '}
          {referral.escalation.stages.length} stages recorded.
        </p>
      )}
      <div className="table__actions">
        {!referral.acknowledgedAt && !referral.outcomeAt && <LinkButton onClick={() => onView({ kind: 'acknowledge', referral })}>Record the acknowledgement{hidden(`of the referral to ${what}`)}</LinkButton>}
        {!referral.outcomeAt && <LinkButton onClick={() => onView({ kind: 'outcome', referral })}>Record the outcome{hidden(`of the referral to ${what}`)}</LinkButton>}
        {!referral.outcomeAt && <LinkButton onClick={() => onView({ kind: 'chase', referral })}>Chase{hidden(`the referral to ${what}`)}</LinkButton>}
        {!referral.escalation && <LinkButton onClick={() => onView({ kind: 'escalate', referral })}>Escalate{hidden(`the referral to ${what}`)}</LinkButton>}
        {referral.escalation && !referral.escalation.resolvedAt && (
          <>
            <LinkButton onClick={() => onView({ kind: 'escalationStep', referral })}>Record an escalation stage{hidden(`for the referral to ${what}`)}</LinkButton>
            <LinkButton onClick={() => onView({ kind: 'resolveEscalation', referral })}>Resolve the escalation{hidden(`for the referral to ${what}`)}</LinkButton>
          </>
        )}
      </div>
    </li>
  );
}

function SharingLog({ entries }: { entries: CommandOutput<'sharing.log'> }) {
  return (
    <Section title="Information-sharing log" id="child-sharing">
      {entries.length === 0 ? (
        <p className="muted">No decision to share or not to share has been recorded.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Information sharing, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Shared?</th>
                <th scope="col">What</th>
                <th scope="col">With whom</th>
                <th scope="col">Lawful basis</th>
                <th scope="col">Consent</th>
                <th scope="col">Recorded by</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDateTime(new Date(entry.sharedAt))}</td>
                  <th scope="row">{entry.shared ? 'Shared' : 'Not shared'}</th>
                  <td>{entry.what}</td>
                  <td>{entry.withWhom}</td>
                  <td>{lawfulBasisLabels[entry.lawfulBasis]}</td>
                  <td>
                    {consentLabels[entry.consent]}
                    {entry.consentReason ? `: ${entry.consentReason}` : ''}
                  </td>
                  <td>{entry.recordedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

async function fetchFile(pupilId: string): Promise<{ loaded: Loaded } | { problem: AppError }> {
  const [file, chronology, sharing] = await Promise.all([
    invoke('children.file', { pupilId }),
    invoke('children.chronology', { pupilId }),
    invoke('sharing.log', { pupilId }),
  ]);
  if (!file.ok) return { problem: file.error };
  if (!chronology.ok) return { problem: chronology.error };
  return {
    loaded: {
      file: file.value,
      chronology: chronology.value,
      sharing: sharing.ok ? sharing.value : [],
      referrals: file.value.referrals,
    },
  };
}

/** `startWith` opens the file at one of its forms (from a link on the concern page); cancelling shows the file. */
export function ChildFilePage({ pupilId, user, startWith }: { pupilId: string; user: SessionUser; startWith?: Extract<View, { kind: 'decision' } | { kind: 'referral' }> }) {
  const { navigate } = useApp();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [view, setView] = useState<View>(startWith ?? { kind: 'file' });
  const [done, setDone] = useState<{ title: string; body: ReactNode } | null>(null);
  const [owners, setOwners] = useState<Account[]>([]);
  const [pack, setPack] = useState<ResolvedPack | null>(null);
  const [judgedLevelId, setJudgedLevelId] = useState<string | null>(null);

  const apply = useCallback((outcome: Awaited<ReturnType<typeof fetchFile>>) => {
    if ('problem' in outcome) setProblem(outcome.problem);
    else {
      setProblem(null);
      setLoaded(outcome.loaded);
    }
  }, []);
  const load = useCallback(() => void fetchFile(pupilId).then(apply), [pupilId, apply]);

  useEffect(() => {
    let current = true;
    void fetchFile(pupilId).then((outcome) => {
      if (current) apply(outcome);
    });
    return () => {
      current = false;
    };
  }, [pupilId, apply]);

  useEffect(() => {
    let current = true;
    void invoke('accounts.list', {}).then((result) => {
      if (current && result.ok) setOwners(result.value.filter((account) => account.status === 'active'));
    });
    void invoke('packs.list', {}).then(async (result) => {
      const packId = result.ok ? result.value.chosen.packId : null;
      if (!packId) return;
      const got = await invoke('packs.get', { packId });
      if (current && got.ok) setPack(got.value);
    });
    return () => {
      current = false;
    };
  }, []);

  if (problem) {
    return (
      <section className="page">
        <PageHeading>Child’s file</PageHeading>
        <AlertMessage title={problem.code === 'not_found' ? 'There is no such pupil' : 'The file could not be opened'}>
          <p>{problem.message}</p>
        </AlertMessage>
        <p>
          <a href={hrefFor('queue')}>Back to the review queue</a>
        </p>
      </section>
    );
  }
  if (!loaded) {
    return (
      <section className="page">
        <PageHeading>Child’s file</PageHeading>
        <p className="loading">Opening the file…</p>
      </section>
    );
  }

  const { file } = loaded;
  const name = childName(file);
  const concerns = concernsFrom(loaded.file.concerns);
  const back = () => setView({ kind: 'file' });
  const saved = (title: string) => (message: ReactNode) => {
    setDone({ title, body: message });
    setView({ kind: 'file' });
    load();
  };
  const common = { pupilId, childName: name, onCancel: back };
  // After a refused stale save the file is reloaded; the open form then shows each record as it is saved now.
  const fresh = {
    referral: (referral: ReferralClock) => loaded.referrals.find((each) => each.id === referral.id) ?? referral,
    action: (action: ChildFile['openActions'][number]) => file.openActions.find((each) => each.id === action.id) ?? action,
    review: (review: ChildFile['reviews'][number]) => file.reviews.find((each) => each.id === review.id) ?? review,
    flag: (flag: ChildFile['flags'][number]) => file.flags.find((each) => each.id === flag.id) ?? flag,
    concern: (concern: ChildConcern) => concerns.find((each) => each.id === concern.id) ?? concern,
  };
  const reloading = (form: ReactNode) => <RecordReload.Provider value={load}>{form}</RecordReload.Provider>;

  switch (view.kind) {
    case 'decision':
      return (
        <DecisionForm
          {...common}
          concerns={concerns}
          {...(view.concernId ? { initialConcernId: view.concernId } : {})}
          onSaved={(decision) => {
            load();
            if (agencyForDecision[decision.decision]) {
              setDone({
                title: 'Decision recorded',
                body: (
                  <>
                    <p>The decision and your reasons are in the chronology, and the sharing is in the information-sharing log.</p>
                    <Button onClick={() => (setDone(null), setView({ kind: 'referral', decision }))}>Record the referral now</Button>
                  </>
                ),
              });
            } else setDone({ title: 'Decision recorded', body: <p>The decision and your reasons are in the chronology.</p> });
            setView({ kind: 'file' });
          }}
        />
      );
    case 'referral':
      return <ReferralForm {...common} pack={pack} decisionId={view.decision?.id ?? null} {...(view.decision ? { decision: view.decision } : {})} onSaved={(value) => saved('Referral recorded')(`The acknowledgement is due by ${formatDateTime(new Date(value.acknowledgementDue))}.`)} />;
    case 'acknowledge':
      return reloading(<AcknowledgeForm childName={name} referral={fresh.referral(view.referral)} onCancel={back} onSaved={saved('Acknowledgement recorded')} />);
    case 'outcome':
      return reloading(<OutcomeForm childName={name} referral={fresh.referral(view.referral)} onCancel={back} onSaved={saved('Outcome recorded')} />);
    case 'chase':
      return <ChaseForm childName={name} referral={view.referral} onCancel={back} onSaved={saved('Chase recorded')} />;
    case 'escalate':
      return <EscalateForm childName={name} referral={view.referral} escalation={pack?.escalation} onCancel={back} onSaved={saved('Escalation started')} />;
    case 'escalationStep':
      return <EscalationStepForm childName={name} referral={view.referral} onCancel={back} onSaved={saved('Escalation stage recorded')} />;
    case 'resolveEscalation':
      return reloading(<ResolveEscalationForm childName={name} referral={fresh.referral(view.referral)} onCancel={back} onSaved={saved('Escalation resolved')} />);
    case 'action':
      return <ActionForm {...common} owners={owners} onSaved={saved('Action added')} />;
    case 'completeAction':
      return reloading(<CompleteActionForm childName={name} action={fresh.action(view.action)} onCancel={back} onSaved={saved('Action done')} />);
    case 'review':
      return <ReviewForm {...common} owners={owners} pack={pack} levelId={judgedLevelId} onSaved={saved('Review set up')} />;
    case 'recordReview':
      return reloading(<RecordReviewForm childName={name} review={fresh.review(view.review)} onCancel={back} onSaved={saved('Review recorded')} />);
    case 'flag':
      return <AddFlagForm {...common} onSaved={saved('Status added')} />;
    case 'endFlag':
      return reloading(<EndFlagForm childName={name} flag={fresh.flag(view.flag)} onCancel={back} onSaved={saved('Status ended')} />);
    case 'event':
      return <EventForm {...common} onSaved={saved('Event logged')} />;
    case 'close':
      return reloading(<CloseConcernForm childName={name} concern={fresh.concern(view.concern)} onCancel={back} onSaved={saved('Concern closed')} onLogNew={() => navigate('logConcern')} />);
    case 'assessment':
      return pack ? (
        <AssessmentForm
          {...common}
          pack={pack}
          onSaved={(message, levelId) => {
            setJudgedLevelId(levelId);
            saved('Assessment recorded')(message);
          }}
        />
      ) : null;
    case 'file':
      break;
  }

  const open = (next: View) => {
    setDone(null);
    setView(next);
  };
  const currentFlags = file.flags.filter((flag) => flag.current);
  const openReferrals = loaded.referrals.filter((referral) => !referral.outcomeAt || (referral.escalation && !referral.escalation.resolvedAt));
  const finishedReferrals = loaded.referrals.filter((referral) => !openReferrals.includes(referral));

  return (
    <section className="page page--file">
      <PageHeading caption="Child’s file">{name}</PageHeading>
      <p className="child-summary">
        {file.pupil.yearGroup ? `Year ${file.pupil.yearGroup}. ` : ''}Born {formatIsoDate(file.pupil.dateOfBirth)}. {file.concernCount} {file.concernCount === 1 ? 'concern' : 'concerns'} on file.
        {currentFlags.map((flag) => (
          <span key={flag.id} className="queue-tag child-summary__flag">
            {statusFlagLabels[flag.flag]}
          </span>
        ))}
      </p>
      {done && (
        <StatusMessage title={done.title}>
          {typeof done.body === 'string' ? <p>{done.body}</p> : done.body}
        </StatusMessage>
      )}
      <nav aria-label="Record something" className="child-actions">
        <ButtonGroup>
          <Button onClick={() => open({ kind: 'decision' })}>Record a decision</Button>
          <Button variant="secondary" onClick={() => open({ kind: 'referral', decision: null })}>
            Record a referral
          </Button>
          {pack ? (
            <Button variant="secondary" onClick={() => open({ kind: 'assessment' })}>
              Assess thresholds
            </Button>
          ) : null}
          <Button variant="secondary" onClick={() => open({ kind: 'event' })}>
            Log an external event
          </Button>
          <Button variant="secondary" onClick={() => open({ kind: 'action' })}>
            Add an action
          </Button>
          <Button variant="secondary" onClick={() => open({ kind: 'review' })}>
            Set up a review
          </Button>
        </ButtonGroup>
        {!pack && <p className="muted">Threshold assessment needs the school’s local-authority pack: a DSL or administrator chooses it in Settings.</p>}
        <p className="child-exports">
          Sharing the file: <a href={hrefFor('referralPack', { pupilId })}>Build a MASH referral pack</a> ·{' '}
          <a href={hrefFor('childExports', { pupilId })}>Export the chronology or a subject access response</a> ·{' '}
          <a href={hrefFor('transferOut', { pupilId })}>Send the file to a new school</a>
        </p>
      </nav>

      <Section title={`Concerns (${concerns.length})`} id="child-concerns">
        {concerns.length === 0 ? (
          <p className="muted">No concerns are recorded about {name}.</p>
        ) : (
          <ul className="child-list child-concerns">
            {concerns.map((concern) => (
              <li key={concern.id} className="child-concerns__item">
                <a href={hrefFor('concern', { concernId: concern.id })}>{concern.label}</a> <span className="queue-tag">{concern.statusLabel}</span>
                {concern.immediateDanger && <span className="queue-tag queue-tag--danger">Immediate danger</span>} <span className="muted">logged by {concern.by}</span>
                {!concern.closed && (
                  <div className="table__actions">
                    <LinkButton onClick={() => open({ kind: 'decision', concernId: concern.id })}>Record a decision<span className="visually-hidden"> on the concern of {formatDateTime(new Date(concern.at))}</span></LinkButton>
                    <LinkButton onClick={() => open({ kind: 'close', concern })}>Close<span className="visually-hidden"> the concern of {formatDateTime(new Date(concern.at))}</span></LinkButton>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={`Referrals (${openReferrals.length} open)`} id="child-referrals">
        {openReferrals.length === 0 ? (
          <p className="muted">No referral is waiting for a reply.</p>
        ) : (
          <ul className="child-list">
            {openReferrals.map((referral) => (
              <ReferralCard key={referral.id} referral={referral} onView={open} />
            ))}
          </ul>
        )}
        {finishedReferrals.length > 0 && (
          <details className="child-details-more">
            <summary>Referrals with an outcome ({finishedReferrals.length})</summary>
            <ul className="child-list">
              {finishedReferrals.map((referral) => (
                <ReferralCard key={referral.id} referral={referral} onView={open} />
              ))}
            </ul>
          </details>
        )}
      </Section>

      <Section title={`Actions (${file.openActions.length} open)`} id="child-actions">
        {file.openActions.length === 0 ? (
          <p className="muted">No open actions.</p>
        ) : (
          <ul className="child-list">
            {file.openActions.map((action) => (
              <li key={action.id}>
                {action.overdue ? <span className="queue-tag queue-tag--danger">Overdue</span> : null} <strong>{action.title}</strong> — {action.ownerName}, due {formatIsoDate(action.dueOn)}{' '}
                <LinkButton onClick={() => open({ kind: 'completeAction', action })}>
                  Mark as done<span className="visually-hidden">: {action.title}</span>
                </LinkButton>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={`Reviews (${file.reviews.length})`} id="child-reviews">
        {file.reviews.length === 0 ? (
          <p className="muted">No reviews are set up.</p>
        ) : (
          <ul className="child-list">
            {file.reviews.map((review) => (
              <li key={review.id}>
                {review.overdue ? <span className="queue-tag queue-tag--danger">Overdue</span> : null} <strong>{review.title}</strong> — every {review.intervalDays} days, next due {formatIsoDate(review.nextDueOn)} ({review.ownerName}){' '}
                <LinkButton onClick={() => open({ kind: 'recordReview', review })}>
                  Record the review<span className="visually-hidden">: {review.title}</span>
                </LinkButton>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Chronology entries={loaded.chronology} />
      <SharingLog entries={loaded.sharing} />
      <Profile file={file} onAddFlag={() => open({ kind: 'flag' })} onEndFlag={(flag) => open({ kind: 'endFlag', flag })} />
      <p className="muted">Opened by {user.displayName}. Every view of this file is recorded in the audit trail.</p>
    </section>
  );
}
