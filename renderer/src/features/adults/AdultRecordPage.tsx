// One concern or allegation about an adult, for its recipient: what was written (never edited), then what was done —
// the response to a low-level concern, escalation to an allegation, the LADO (with its one-working-day clock), actions,
// the outcome, DBS or TRA referral, retention, and for a malicious allegation its removal after confirmation.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import {
  adultActionKinds,
  adultActionLabels,
  adultRelationshipLabels,
  adultResponseKinds,
  adultResponseLabels,
  allegationOutcomeLabels,
  allegationOutcomes,
  childHarmLabels,
  type AdultConcernView,
  type AppError,
} from '../../../../shared/api';
import { formatDateTime, formatIsoDate } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { hrefFor } from '../../app/routes';
import { useApp } from '../../app/AppContext';
import { AlertMessage, Disclosure, PageHeading, StatusMessage } from '../../components';
import { ActionForm, LadoForm, OutcomeForm, PersonDetailsForm, ReferralForm, RemoveForm, RespondForm, EscalateForm } from './recordForms';
import { retentionText } from './AdultRegisterPage';
import { ExportSummary } from './ExportSummary';
import '../concerns/concerns.css';
import './adults.css';

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="details__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const orNone = (text: string) => (text.trim() === '' ? <span className="muted">Not recorded</span> : text);

export function AdultRecordPage({ recordId }: { recordId: string }) {
  const { navigate } = useApp();
  const [record, setRecord] = useState<AdultConcernView | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [escalating, setEscalating] = useState(false);

  const load = useCallback(async () => {
    const result = await invoke('adults.get', { id: recordId });
    if (result.ok) setRecord(result.value);
    else setProblem(result.error);
  }, [recordId]);

  useEffect(() => {
    void Promise.resolve().then(load);
  }, [load]);

  const saved = (message: string) => {
    setDone(message);
    void load();
  };

  if (problem) {
    return (
      <section className="page narrow-page">
        <PageHeading>Concern about an adult</PageHeading>
        <AlertMessage title="This record could not be opened">{problem.message}</AlertMessage>
        <p>
          <a href={hrefFor('adultRegister')}>Back to concerns about adults</a>
        </p>
      </section>
    );
  }
  if (!record) return <p className="muted">Loading…</p>;

  const isAllegation = record.kind === 'allegation';
  return (
    <section className="page narrow-page">
      <PageHeading caption={isAllegation ? 'Allegation' : 'Low-level concern'}>About {record.subject.name}</PageHeading>
      <p>
        <a href={hrefFor('adultRegister')}>Back to concerns about adults</a>
      </p>
      {done && <StatusMessage title="Saved">{done}</StatusMessage>}
      {isAllegation && record.ladoClock && record.ladoClock.state !== 'consulted' && (
        <div className={record.ladoClock.state === 'overdue' ? 'notice notice--alert' : 'notice'}>
          <p className="notice__title">{record.ladoClock.state === 'overdue' ? 'The LADO has not been consulted in time' : 'Consult the LADO'}</p>
          <div className="notice__body">
            <p>
              Within one working day of the case manager knowing: by {formatDateTime(new Date(record.ladoClock.due))}.
              {record.ladoContact && (record.ladoContact.phone ? ` ${record.ladoContact.name}: ${record.ladoContact.phone}.` : ' The school has not filled in its LADO’s number yet (Who to call).')}
            </p>
          </div>
        </div>
      )}

      <h2>What was recorded</h2>
      <dl className="details">
        <Row term="Recorded">
          {formatDateTime(new Date(record.recordedAt))} by {record.author}
          {record.selfReport && ' (a self-report)'}
        </Row>
        <Row term="About">
          {record.subject.name}
          {record.subject.role && `, ${record.subject.role}`} — {adultRelationshipLabels[record.subject.relationship]}
          {record.subject.employer && ` (employer: ${record.subject.employer})`}
        </Row>
        <Row term="When it happened">{formatDateTime(new Date(record.occurredAt))}</Row>
        <Row term="Where">{orNone(record.location)}</Row>
        <Row term="Who else was there">{orNone(record.othersPresent)}</Row>
        <Row term="What happened">
          <span className="adults__words">{record.whatHappened}</span>
        </Row>
        <Row term="Could a child be harmed?">{childHarmLabels[record.childHarm]}</Row>
        {record.escalatedFrom && (
          <Row term="Escalated from">
            <a href={hrefFor('adultRecord', { recordId: record.escalatedFrom })}>the low-level concern it came from</a>
          </Row>
        )}
        {record.escalatedTo && (
          <Row term="Escalated to">
            <a href={hrefFor('adultRecord', { recordId: record.escalatedTo })}>an allegation</a>
          </Row>
        )}
        <Row term="Retention">
          {retentionText(record.retention)}. {record.retention.explanation}
        </Row>
      </dl>

      {!isAllegation && (
        <>
          <h2>Response</h2>
          {record.responses.length === 0 ? (
            <p>No response recorded yet.</p>
          ) : (
            <ul className="adults__list">
              {record.responses.map((response) => (
                <li key={response.id}>
                  <strong>{adultResponseLabels[response.kind]}</strong> — {formatDateTime(new Date(response.writtenAt))}, {response.author}
                  {response.note && <p className="adults__words">{response.note}</p>}
                </li>
              ))}
            </ul>
          )}
          <RespondForm id={record.id} kinds={adultResponseKinds} onSaved={() => saved('The response is recorded.')} />
          {!record.escalatedTo && (
            <Disclosure title="Escalate to an allegation" open={escalating} onToggle={setEscalating}>
              <EscalateForm id={record.id} onSaved={(allegationId) => navigate('adultRecord', { recordId: allegationId })} />
            </Disclosure>
          )}
        </>
      )}

      {isAllegation && (
        <>
          <h2>The LADO</h2>
          {record.lado ? (
            <dl className="details">
              <Row term="Consulted">
                {formatDateTime(new Date(record.lado.consultedAt))}
                {record.lado.officer && ` with ${record.lado.officer}`}
              </Row>
              <Row term="Advice">
                <span className="adults__words">{record.lado.advice}</span>
              </Row>
              <Row term="LADO reference">{orNone(record.lado.reference)}</Row>
            </dl>
          ) : (
            <LadoForm id={record.id} onSaved={() => saved('The LADO consultation is recorded.')} />
          )}

          <h2>Actions</h2>
          {record.actions.length > 0 && (
            <ul className="adults__list">
              {record.actions.map((action) => (
                <li key={action.id}>
                  <strong>{adultActionLabels[action.kind]}</strong> — {formatDateTime(new Date(action.writtenAt))}, {action.author}
                  <p className="adults__words">{action.note}</p>
                </li>
              ))}
            </ul>
          )}
          <ActionForm id={record.id} kinds={adultActionKinds} onSaved={() => saved('The action is recorded.')} />

          <h2>Outcome</h2>
          {record.outcome && (
            <p>
              <strong>{allegationOutcomeLabels[record.outcome.outcome].label}</strong> ({formatIsoDate(record.outcome.decidedOn)}): {allegationOutcomeLabels[record.outcome.outcome].meaning}
              {record.outcome.note && <span className="adults__words"> {record.outcome.note}</span>}
            </p>
          )}
          <OutcomeForm id={record.id} outcomes={allegationOutcomes} onSaved={() => saved('The outcome is recorded.')} />

          <h2>Referral to the DBS or the Teaching Regulation Agency</h2>
          {record.referrals.length > 0 && (
            <ul className="adults__list">
              {record.referrals.map((referral) => (
                <li key={referral.id}>
                  {referral.body === 'dbs' ? 'Disclosure and Barring Service' : 'Teaching Regulation Agency'}, {formatIsoDate(referral.referredOn)}
                  {referral.note && `: ${referral.note}`}
                </li>
              ))}
            </ul>
          )}
          <ReferralForm id={record.id} onSaved={() => saved('The referral is recorded.')} />

          {record.outcome?.outcome === 'malicious' && (
            <RemoveForm id={record.id} onRemoved={() => navigate('adultRegister')} />
          )}
        </>
      )}

      <ExportSummary record={record} onExported={() => void load()} />

      <h2>For the retention date</h2>
      <PersonDetailsForm id={record.id} personLeftOn={record.personLeftOn} dateOfBirth={record.dateOfBirth} kind={record.kind} onSaved={() => saved('The dates are recorded.')} />
    </section>
  );
}
