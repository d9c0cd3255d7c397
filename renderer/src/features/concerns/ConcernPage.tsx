// One concern as it was stored: never edited, only added to. The author sees their own; a DSL sees any, and
// opening it as a DSL marks it read (the core does that, and audits the view).
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { commands, notYetMatched, pupilPartLabels, readsChildRecords, roleMay, type AppError, type ConcernView, type SessionUser } from '../../../../shared/api';
import { formatDateTime } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { hrefFor, mayVisit } from '../../app/routes';
import { AlertMessage, Button, Disclosure, ErrorSummary, PageHeading, StatusMessage, TextField, checkWith, useForm } from '../../components';
import { z } from 'zod';
import { formatBytes } from './AttachmentsField';
import { BodyMapView } from './BodyMap';
import { MatchPupil } from './MatchPupil';
import { StatusTag } from './StatusTag';
import './concerns.css';

const addendumSchema = z.object({ text: z.string().trim().min(1, 'Write what you want to add').max(20_000, 'Keep an addendum to 20,000 characters') });

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="details__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const orNone = (text: string, none = 'Not recorded') => (text.trim() === '' ? <span className="muted">{none}</span> : text);

function base64ToBlob(base64: string, type: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return new Blob([bytes], { type });
}

/** The DSL's next steps, at the top of what they are reading: each opens the existing form for that child and concern. */
function NextSteps({ concern }: { concern: ConcernView }) {
  // The children the concern is about come first; then anyone else named in it.
  const pupils = [...concern.pupils].sort((a, b) => Number(b.part === 'subject') - Number(a.part === 'subject'));
  return (
    <section className="next-steps" aria-labelledby="next-steps-title">
      <h2 className="next-steps__title" id="next-steps-title">
        What next
      </h2>
      <ul className="next-steps__list">
        {pupils.map((pupil) => (
          <li key={pupil.pupilId} className="next-steps__pupil">
            <span className="next-steps__name">{pupil.name}:</span>
            <a className="button button--secondary next-steps__action" href={hrefFor('decideOnConcern', { pupilId: pupil.pupilId, concernId: concern.id })}>
              Record a decision<span className="visually-hidden"> about {pupil.name} on this concern</span>
            </a>
            <a className="button button--secondary next-steps__action" href={hrefFor('recordReferral', { pupilId: pupil.pupilId })}>
              Record a referral<span className="visually-hidden"> for {pupil.name}</span>
            </a>
            <a href={hrefFor('child', { pupilId: pupil.pupilId })}>Open {pupil.name}’s file</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * A concern whose author typed the child's name and class (the pupil list could not be searched): the words, and for a
 * DSL the search to match them to a pupil, so the concern reaches that child's file (decision 0023).
 */
function MatchPanel({ concern, user, onMatched }: { concern: ConcernView; user: SessionUser; onMatched: (names: string[]) => void }) {
  return (
    <section className="panel match-panel" aria-labelledby="match-title">
      <h2 className="section-title section-title--first" id="match-title">
        {notYetMatched(concern.childDescribed)}
      </h2>
      <p>
        {concern.author.displayName} could not choose the child from the pupil list, so they typed who it is. Find that child and match the concern to them: it then
        appears in their file and chronology. What {concern.author.displayName} typed is kept.
      </p>
      <MatchPupil concernId={concern.id} role={user.role} onMatched={onMatched} />
    </section>
  );
}

export function ConcernPage({ concernId, user }: { concernId: string; user: SessionUser }) {
  const [concern, setConcern] = useState<ConcernView | null>(null);
  const [matched, setMatched] = useState<string | null>(null);
  const [matchAnother, setMatchAnother] = useState(false);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [downloadProblem, setDownloadProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const form = useForm({ text: '' });

  const load = useCallback(async () => {
    const result = await invoke('concerns.get', { concernId });
    if (result.ok) {
      setConcern(result.value);
      setProblem(null);
    } else setProblem(result.error);
  }, [concernId]);

  useEffect(() => {
    void Promise.resolve().then(load);
  }, [load]);

  const download = async (attachment: ConcernView['attachments'][number]) => {
    setDownloadProblem(null);
    const result = await invoke('concerns.attachment', { concernId, attachmentId: attachment.id });
    if (!result.ok) {
      setDownloadProblem(result.error.message);
      return;
    }
    // A blob: address made on the click and let go soon after: the file never touches a server or a cache.
    const url = URL.createObjectURL(base64ToBlob(result.value.dataBase64, result.value.type));
    const link = document.createElement('a');
    link.href = url;
    link.download = result.value.name;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  if (problem) {
    const missing = problem.code === 'not_found' || problem.code === 'invalid_input';
    return (
      <section className="page">
        <PageHeading>{missing ? 'This concern does not exist, or it is not yours to see' : 'This concern could not be opened'}</PageHeading>
        {!missing && <AlertMessage>{problem.message}</AlertMessage>}
        <p>
          <a href={hrefFor('myConcerns')}>Go to my concerns</a>
        </p>
      </section>
    );
  }

  if (!concern) {
    return (
      <section className="page">
        <PageHeading focus={false}>Concern</PageHeading>
        <p className="muted">Opening the concern…</p>
      </section>
    );
  }

  const names = concern.pupils.map((pupil) => pupil.name).join(', ');
  const isDsl = readsChildRecords(user.role);
  const described = concern.childDescribed.trim() !== '';
  const mayMatch = described && roleMay(user.role, commands['concerns.matchPupil'].permission);
  const heading = names ? `Concern about ${names}` : described ? (isDsl ? 'Concern about a child not yet matched' : `Concern about “${concern.childDescribed}”`) : 'Concern';
  const onMatched = (matchedNames: string[]) => {
    setMatched(`Matched to ${matchedNames.join(' and ')}. The concern is now in ${matchedNames.length === 1 ? 'their file and chronology' : 'each child’s file and chronology'}.`);
    setMatchAnother(false);
    void load();
  };
  const matchedBy = (pupilId: string) => concern.matches.find((match) => match.pupilId === pupilId);
  const spoken = concern.spokenToDslInPerson === 'yes' ? 'Yes' : concern.spokenToDslInPerson === 'no' ? 'No' : 'Not asked';

  return (
    <section className="page">
      <PageHeading caption={`Logged ${formatDateTime(new Date(concern.recordedAt))} by ${concern.author.displayName}`}>{heading}</PageHeading>
      <div className="concern-tags">
        <StatusTag status={concern.status} />
        {concern.immediateDanger && <span className="status-tag status-tag--danger">Immediate danger</span>}
        {concern.urgent && !concern.immediateDanger && <span className="status-tag status-tag--submitted">Urgent</span>}
      </div>
      {concern.readAt && isDsl && <p className="muted">Read by a DSL at {formatDateTime(new Date(concern.readAt))}.</p>}
      <p className="muted">This record cannot be changed. Anything new or remembered later is added underneath, with its date.</p>
      {matched && <StatusMessage title="Matched">{matched}</StatusMessage>}
      {mayMatch && concern.pupils.length === 0 && <MatchPanel concern={concern} user={user} onMatched={onMatched} />}
      {mayVisit(user.role, 'decideOnConcern') && concern.pupils.length > 0 && <NextSteps concern={concern} />}

      <h2 className="section-title">What was recorded</h2>
      <dl className="details">
        <Row term="Pupils">
          {concern.pupils.length === 0 ? (
            <span className="muted">{isDsl ? 'Not yet matched to a pupil' : 'Not chosen from the list: you typed who it is (below)'}</span>
          ) : (
            <ul className="list">
              {concern.pupils.map((pupil) => {
                const match = matchedBy(pupil.pupilId);
                return (
                  <li key={pupil.pupilId}>
                    {isDsl ? <a href={hrefFor('child', { pupilId: pupil.pupilId })}>{pupil.name}</a> : pupil.name}
                    {pupil.yearGroup && <span className="muted"> (Year {pupil.yearGroup.replace(/^Year\s*/i, '')})</span>} — {pupilPartLabels[pupil.part]}
                    {match && (
                      <span className="muted">
                        {' '}
                        (matched by {match.matchedBy}, {formatDateTime(new Date(match.matchedAt))})
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </Row>
        {described && (
          <Row term="The child, as the author typed it">
            <q>{concern.childDescribed}</q>
          </Row>
        )}
        <Row term="When it happened">{formatDateTime(new Date(concern.occurredAt))}</Row>
        <Row term="Where">{orNone(concern.location)}</Row>
        <Row term="Who else was there">{orNone(concern.othersPresent)}</Row>
        <Row term="What was seen or heard">{concern.whatHappened}</Row>
        <Row term="What the child said, in their own words">
          {concern.childWords.trim() === '' ? <span className="muted">Nothing recorded</span> : <blockquote className="child-words">{concern.childWords}</blockquote>}
        </Row>
        <Row term="Kind of concern">{concern.categories.length === 0 ? <span className="muted">Left to the DSL</span> : concern.categories.map((category) => category.label).join(', ')}</Row>
        <Row term="Action already taken">{orNone(concern.actionTaken, 'None recorded')}</Row>
        <Row term="Urgent">{concern.urgent || concern.immediateDanger ? 'Yes' : 'No'}</Row>
        {(concern.urgent || concern.immediateDanger) && <Row term="Spoken to a DSL in person">{spoken}</Row>}
        {concern.fgmPoliceReference && <Row term="FGM: police reference">{concern.fgmPoliceReference}</Row>}
      </dl>

      {mayMatch && concern.pupils.length > 0 && (
        <Disclosure title="Match another child these words name" open={matchAnother} onToggle={setMatchAnother}>
          <MatchPupil concernId={concern.id} role={user.role} onMatched={onMatched} />
        </Disclosure>
      )}

      <h2 className="section-title">Body map</h2>
      <BodyMapView marks={concern.bodyMap.map((mark) => ({ ...mark, size: mark.size ?? '', colour: mark.colour ?? '', shape: mark.shape ?? '', childExplanation: mark.childExplanation ?? '' }))} />

      <h2 className="section-title">Files</h2>
      {concern.attachments.length === 0 ? (
        <p>No files were attached.</p>
      ) : (
        <ul className="attachment-list">
          {concern.attachments.map((attachment) => (
            <li key={attachment.id}>
              <button type="button" className="link-button" onClick={() => void download(attachment)}>
                Download {attachment.name}
              </button>{' '}
              <span className="muted">({formatBytes(attachment.size)})</span>
            </li>
          ))}
        </ul>
      )}
      {downloadProblem && <AlertMessage title="The file could not be downloaded">{downloadProblem}</AlertMessage>}

      <h2 className="section-title">Added later</h2>
      {concern.addenda.length === 0 ? (
        <p>Nothing has been added.</p>
      ) : (
        <ol className="addenda">
          {concern.addenda.map((addendum) => (
            <li key={addendum.id} className="addendum">
              <p className="addendum__meta">
                Added {formatDateTime(new Date(addendum.writtenAt))} by {addendum.author}
              </p>
              <p className="addendum__text">{addendum.text}</p>
            </li>
          ))}
        </ol>
      )}

      <h2 className="section-title" id="add-addendum">
        Add an addendum
      </h2>
      {added && <StatusMessage title="Added">{added}</StatusMessage>}
      <ErrorSummary errors={form.errors} formError={form.formError} order={['text']} idFor={form.idFor} failedSubmits={form.failedSubmits} />
      <form
        noValidate
        className="concern-form"
        onSubmit={(event) => {
          event.preventDefault();
          setAdded(null);
          void form.submit({
            check: (values) => checkWith(addendumSchema, values),
            send: (input) => invoke('concerns.addAddendum', { concernId, text: input.text }),
            onSuccess: (value) => {
              form.reset({ text: '' });
              setAdded(`Your addendum was added at ${formatDateTime(new Date(value.writtenAt))}.`);
              void load();
            },
          });
        }}
      >
        <TextField {...form.bind('text')} label="What you want to add" hint="Something you remembered, learned or did since. It is dated and added below; the original is not changed." multiline />
        <Button type="submit" busy={form.submitting} busyLabel="Adding…">
          Add the addendum
        </Button>
      </form>
      <p>
        <a href={hrefFor(isDsl ? 'queue' : 'myConcerns')}>{isDsl ? 'Back to the review queue' : 'Back to my concerns'}</a>
      </p>
    </section>
  );
}
