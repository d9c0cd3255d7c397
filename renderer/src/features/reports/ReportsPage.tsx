// The safeguarding culture report (head and DSLs): choose a period and who it is for, read the measures beside
// the previous equivalent period with their definitions and charts, and download the CSV or the governors' PDF.
import { useCallback, useEffect, useRef, useState } from 'react';
import { readsFiguresNotRecords, type ReportView, type Result, type SessionUser } from '../../../../shared/api';
import { invoke } from '../../api';
import { AlertMessage, PageHeading } from '../../components';
import { ReportChoiceForm, type ReportRequest } from './ReportChoiceForm';
import { ReportDashboard } from './ReportDashboard';
import { ReportExports } from './ReportExports';
import './reports.css';

const firstRequest: ReportRequest = { period: { kind: 'this_term' }, audience: 'head' };

export function ReportsPage({ user }: { user: SessionUser }) {
  const [request, setRequest] = useState<ReportRequest>(firstRequest);
  const [view, setView] = useState<ReportView | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // Only the latest request's answer is shown, however the answers arrive.
  const latest = useRef(0);

  const show = useCallback((next: ReportRequest, result: Result<ReportView>, announce: boolean) => {
    setLoading(false);
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    setRequest(next);
    setView(result.value);
    if (announce) setAnnouncement(`Showing the report for ${result.value.period.label}, ${result.value.audience === 'governors' ? 'for governors' : 'not for sharing'}.`);
  }, []);

  const choose = async (next: ReportRequest) => {
    if (loading) return;
    const ticket = ++latest.current;
    setLoading(true);
    setProblem(null);
    const result = await invoke('reports.dashboard', next);
    if (ticket === latest.current) show(next, result, true);
  };

  useEffect(() => {
    const ticket = ++latest.current;
    void invoke('reports.dashboard', firstRequest).then((result) => {
      if (ticket === latest.current) show(firstRequest, result, false);
    });
  }, [show]);

  return (
    <section className="page page--wide reports-page">
      <PageHeading caption="Safeguarding culture">Culture report</PageHeading>
      <p className="lead">
        How the school notices and records small things, how quickly the DSLs respond, and what happens next — for {readsFiguresNotRecords(user.role) ? 'you' : 'the headteacher'} and for governors. No child
        can be identified from it.
      </p>
      <ReportChoiceForm isHead={readsFiguresNotRecords(user.role)} busy={loading} onChoose={(next) => void choose(next)} />
      <div role="status" aria-live="polite" className="visually-hidden">
        {loading ? 'Working out the report…' : announcement}
      </div>
      {problem && <AlertMessage title="The report could not be made">{problem}</AlertMessage>}
      {loading && !view && <p className="muted">Working out the report…</p>}
      {view && (
        <div className={loading ? 'reports-page__report reports-page__report--stale' : 'reports-page__report'} aria-busy={loading || undefined}>
          <ReportExports key={JSON.stringify(request)} request={request} />
          <ReportDashboard view={view} />
        </div>
      )}
    </section>
  );
}
