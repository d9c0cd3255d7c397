// The exports of the report on screen: the measures as CSV (for the audience shown) and the governors' PDF (always
// suppressed, no names). Each is built by the core, then offered as a download link; a live region says when a file
// is being made and when it is ready.
import { useState } from 'react';
import type { ReportFile } from '../../../../shared/api';
import { invoke } from '../../api';
import { AlertMessage, Button, ButtonGroup } from '../../components';
import type { ReportRequest } from './ReportChoiceForm';
import { fileSizeText, useReportFileUrl } from './reportDownload';

type ExportKind = 'csv' | 'pdf';

const describe: Record<ExportKind, { making: string; ready: string; link: string }> = {
  csv: { making: 'Making the CSV file of the measures…', ready: 'The CSV file is ready to download.', link: 'Download the measures (CSV)' },
  pdf: { making: 'Making the governors’ PDF. This can take a few seconds…', ready: 'The governors’ PDF is ready to download.', link: 'Download the governors’ report (PDF)' },
};

function DownloadLink({ file, kind }: { file: ReportFile; kind: ExportKind }) {
  const url = useReportFileUrl(file);
  if (!url) return null;
  return (
    <p className="report-download">
      <a className="button button--secondary report-download__link" href={url} download={file.fileName}>
        {describe[kind].link}
        <span className="visually-hidden">,</span> <span className="report-download__name">({file.fileName}, {fileSizeText(file.dataBase64.length)})</span>
      </a>
    </p>
  );
}

export function ReportExports({ request }: { request: ReportRequest }) {
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [files, setFiles] = useState<Partial<Record<ExportKind, ReportFile>>>({});
  const [ready, setReady] = useState<ExportKind | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const make = async (kind: ExportKind) => {
    if (busy) return;
    setBusy(kind);
    setReady(null);
    setProblem(null);
    const result = kind === 'csv' ? await invoke('reports.exportCsv', request) : await invoke('reports.exportGovernorsPdf', { period: request.period });
    setBusy(null);
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    setFiles((previous) => ({ ...previous, [kind]: result.value }));
    setReady(kind);
  };

  const csvFor = request.audience === 'governors' ? 'for governors: small numbers suppressed, nobody named' : 'with exact numbers and the names of staff who logged no concern';

  return (
    <section className="report-section report-exports" aria-labelledby="report-exports-title">
      <h2 id="report-exports-title" className="report-section__title">
        Download the report
      </h2>
      <p>
        The <strong>CSV file</strong> holds every measure in this report, {csvFor}. The <strong>governors’ PDF</strong> is always the governors’ version: charts,
        the summary, each measure’s definition and the note on small numbers, with no pupil or member of staff named.
      </p>
      <ButtonGroup>
        <Button variant="secondary" busy={busy === 'csv'} busyLabel="Making the CSV…" onClick={() => void make('csv')}>
          Make the CSV file
        </Button>
        <Button variant="secondary" busy={busy === 'pdf'} busyLabel="Making the PDF…" onClick={() => void make('pdf')}>
          Make the governors’ PDF
        </Button>
      </ButtonGroup>
      <div className="report-progress" role="status" aria-live="polite">
        {busy ? (
          <p className="report-progress__busy">
            <span className="report-progress__spinner" aria-hidden="true" />
            {describe[busy].making}
          </p>
        ) : (
          ready && <p>{describe[ready].ready}</p>
        )}
      </div>
      {problem && <AlertMessage title="The file could not be made">{problem}</AlertMessage>}
      {files.csv && <DownloadLink file={files.csv} kind="csv" />}
      {files.pdf && <DownloadLink file={files.pdf} kind="pdf" />}
    </section>
  );
}
