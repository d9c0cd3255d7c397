// My concerns: what the member of staff has logged, newest first, and whether a DSL has read it — never what the
// DSL decided or wrote (the command does not send it).
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { AppError, myConcernSchema } from '../../../../shared/api';
import { formatDateTime } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { useApp } from '../../app/AppContext';
import { hrefFor } from '../../app/routes';
import { AlertMessage, PageHeading } from '../../components';
import { StatusTag } from './StatusTag';
import './concerns.css';

type MyConcern = z.infer<typeof myConcernSchema>;

export function MyConcernsPage() {
  const [concerns, setConcerns] = useState<MyConcern[] | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [drafts, setDrafts] = useState(0);
  const { status } = useApp();
  const recordsLocked = status.records === 'locked';
  const inOutbox = status.outboxWaiting ?? 0;

  useEffect(() => {
    let live = true;
    void invoke('concerns.mine', {}).then((result) => {
      if (!live) return;
      if (result.ok) setConcerns(result.value);
      else setProblem(result.error);
    });
    void invoke('drafts.mine', {}).then((result) => {
      if (live && result.ok) setDrafts(result.value.length);
    });
    return () => {
      live = false;
    };
  }, []);

  return (
    <section className="page">
      <PageHeading>My concerns</PageHeading>
      <p className="lead">The concerns you have logged, newest first, and whether a designated safeguarding lead has read them.</p>
      <p>
        <a href={hrefFor('logConcern')}>Log a new concern</a>
        {drafts > 0 && (
          <>
            {' '}
            — you have {drafts === 1 ? 'an unfinished draft' : `${drafts} unfinished drafts`}, which you can carry on with there.
          </>
        )}
      </p>
      {recordsLocked && (
        <AlertMessage title="The records are locked until a DSL signs in">
          What you submit is saved and sealed; the DSL will see it when the records are next opened. Until then, only what you have sent since is listed here.
        </AlertMessage>
      )}
      {inOutbox > 0 && (
        <AlertMessage title={inOutbox === 1 ? '1 concern is saved on this computer, not yet delivered' : `${inOutbox} concerns are saved on this computer, not yet delivered`}>
          The records computer could not be reached when you submitted {inOutbox === 1 ? 'it' : 'them'}. {inOutbox === 1 ? 'It is' : 'They are'} sealed and will be sent as
          soon as it answers; keep the app open and stay signed in.
        </AlertMessage>
      )}
      {problem && <AlertMessage title="Your concerns could not be loaded">{problem.message}</AlertMessage>}
      {!concerns && !problem && <p className="muted">Loading your concerns…</p>}
      {concerns && concerns.length === 0 && <p>You have not logged any concerns yet.</p>}
      {concerns && concerns.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Concerns you have logged, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Logged</th>
                <th scope="col">Happened</th>
                <th scope="col">Pupils</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {concerns.map((concern) => {
                const logged = formatDateTime(new Date(concern.recordedAt));
                // Your own words when you could not choose the child from the list (the DSL matches them).
                const about = concern.pupilNames.length > 0 ? concern.pupilNames.join(', ') : concern.childDescribed ? `“${concern.childDescribed}”` : '';
                return (
                  <tr key={concern.id}>
                    <td>{logged}</td>
                    <td>{concern.occurredAt ? formatDateTime(new Date(concern.occurredAt)) : 'Sealed'}</td>
                    <td>
                      {about}
                      {concern.immediateDanger && (
                        <>
                          {' '}
                          <span className="status-tag status-tag--danger">Immediate danger</span>
                        </>
                      )}
                    </td>
                    <td>
                      <StatusTag status={concern.status} />
                    </td>
                    <td>
                      {concern.status !== 'waiting' && concern.status !== 'outbox' && (
                        <a href={hrefFor('concern', { concernId: concern.id })}>
                          Open<span className="visually-hidden"> the concern logged {logged}{about ? ` about ${about}` : ''}</span>
                        </a>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
