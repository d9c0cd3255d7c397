// The two registers (KCSIE Part 4) as their recipient sees them: low-level concerns and allegations routed to this
// person, never any about themselves (the core leaves those out); adults named more than once shown together; and who
// holds each role, which the named headteacher or chair of governors may change.
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { allegationOutcomeLabels, roleLabels, type AdultConcernKind, type AppError, type CommandOutput, type Role, type SessionUser, type adultRegisterSchema } from '../../../../shared/api';
import { formatDateTime, formatIsoDate } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { hrefFor } from '../../app/routes';
import { AlertMessage, PageHeading } from '../../components';
import { RoleHoldersForm } from './RoleHoldersForm';
import '../concerns/concerns.css';
import './adults.css';

type Register = z.infer<typeof adultRegisterSchema>;
type Row = Register['rows'][number];

function clockText(row: Row): string {
  if (!row.ladoClock) return '';
  const due = formatDateTime(new Date(row.ladoClock.due));
  if (row.ladoClock.state === 'consulted') return 'LADO consulted';
  return row.ladoClock.state === 'overdue' ? `LADO overdue: was due by ${due}` : `Consult the LADO by ${due}`;
}

export function retentionText(retention: Row['retention']): string {
  if (retention.kind === 'offer_removal') return 'Malicious: remove from the record';
  if (retention.date === null) return 'Until the person leaves';
  return `Keep until ${formatIsoDate(retention.date)}`;
}

function RegisterTable({ kind, rows }: { kind: AdultConcernKind; rows: Row[] }) {
  const title = kind === 'low_level' ? 'Low-level concerns' : 'Allegations';
  return (
    <section aria-labelledby={`register-${kind}`}>
      <h2 id={`register-${kind}`}>{title}</h2>
      {rows.length === 0 ? (
        <p>None sent to you.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{title} sent to you, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Recorded</th>
                <th scope="col">About</th>
                <th scope="col">Status</th>
                <th scope="col">Retention</th>
                <th scope="col">
                  <span className="visually-hidden">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const recorded = formatDateTime(new Date(row.recordedAt));
                const status = [
                  row.read ? 'Read' : 'New',
                  kind === 'low_level' && (row.responded ? 'responded to' : 'no response yet'),
                  row.outcome && `outcome: ${allegationOutcomeLabels[row.outcome].label.toLowerCase()}`,
                  clockText(row),
                ].filter(Boolean);
                return (
                  <tr key={row.id}>
                    <td>{recorded}</td>
                    <td>
                      {row.subjectName}
                      {row.selfReport && <span className="muted"> (self-report)</span>}
                    </td>
                    <td className={row.ladoClock?.state === 'overdue' ? 'adults__overdue' : undefined}>{status.join('; ')}</td>
                    <td>{retentionText(row.retention)}</td>
                    <td>
                      <a href={hrefFor('adultRecord', { recordId: row.id })}>
                        Open<span className="visually-hidden"> the record about {row.subjectName} of {recorded}</span>
                      </a>
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

export function AdultRegisterPage({ user }: { user: SessionUser }) {
  const [registers, setRegisters] = useState<Record<AdultConcernKind, Register> | null>(null);
  const [holders, setHolders] = useState<CommandOutput<'adults.roleHolders'> | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);

  const load = useCallback(async () => {
    const [lowLevel, allegations, roles] = await Promise.all([
      invoke('adults.register', { kind: 'low_level' }),
      invoke('adults.register', { kind: 'allegation' }),
      invoke('adults.roleHolders', {}),
    ]);
    if (!lowLevel.ok) return setProblem(lowLevel.error);
    if (!allegations.ok) return setProblem(allegations.error);
    setRegisters({ low_level: lowLevel.value, allegation: allegations.value });
    if (roles.ok) setHolders(roles.value);
  }, []);

  useEffect(() => {
    void Promise.resolve().then(load);
  }, [load]);

  // A pattern is across both registers; each is listed once.
  const patterns = registers ? [...new Map([...registers.low_level.patterns, ...registers.allegation.patterns].map((pattern) => [pattern.subjectKey, pattern])).values()] : [];

  return (
    <section className="page">
      <PageHeading caption={roleLabels[user.role as Role]}>Concerns about adults</PageHeading>
      <p className="lead">
        What has been sent to you about adults who work or volunteer here. Nobody else sees these records, and nobody ever sees one about themselves.
      </p>
      <p>
        <a href={hrefFor('logAdultConcern')}>Record a concern about an adult</a>
      </p>
      {problem && <AlertMessage title="The registers could not be loaded">{problem.message}</AlertMessage>}
      {!registers && !problem && <p className="muted">Loading…</p>}
      {registers && (
        <>
          {patterns.length > 0 && (
            <section aria-labelledby="patterns" className="adults__patterns">
              <h2 id="patterns">Adults named more than once</h2>
              <p>Look at these together: a pattern of low-level concerns can meet the harm threshold.</p>
              <ul>
                {patterns.map((pattern) => (
                  <li key={pattern.subjectKey}>
                    <strong>{pattern.subjectName}</strong>: {pattern.recordIds.length} records —{' '}
                    {pattern.recordIds.map((id, index) => (
                      <span key={id}>
                        {index > 0 && ', '}
                        <a href={hrefFor('adultRecord', { recordId: id })}>
                          record {index + 1}
                          <span className="visually-hidden"> about {pattern.subjectName}</span>
                        </a>
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <RegisterTable kind="low_level" rows={registers.low_level.rows} />
          <RegisterTable kind="allegation" rows={registers.allegation.rows} />
        </>
      )}
      {holders && <RoleHoldersForm current={holders} onSaved={() => void load()} />}
    </section>
  );
}
