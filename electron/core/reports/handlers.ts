// The culture report's commands ('reports.view': head and DSLs). They read aggregates only: no record ids go into
// the audit row because no child's or adult's record is opened, but each call is still audited (by dispatch, once the
// report is ready). The report is built on a long-work thread (decision 0026), so the saves of everyone else in the
// school go on meanwhile; only folding the newest concerns into the tallies, a short write, happens here.
import type { PeriodChoice, ReportAudience, ReportView } from '../../../shared/reports';
import { awaiting, type CommandContext } from '../dispatch/handler';
import { writeTransaction } from '../store';
import { reportFileStem } from './cultureReport';
import { reportCsv } from './reportCsv';
import { bringTalliesUpToDate } from './reportTallies';

function longWorkOf({ app }: CommandContext) {
  const pool = app.longWork;
  // Dispatch runs these commands only while the store is open, and the pool lives exactly as long as the store.
  if (!pool) throw new Error('The store is open but has no long-work pool');
  return pool;
}

/** The tallies brought up to date in one short write, just before the job's snapshot begins. */
const foldTallies =
  ({ db }: CommandContext) =>
  () =>
    writeTransaction(db, () => bringTalliesUpToDate(db));

function cultureReportOffThread(ctx: CommandContext, period: PeriodChoice, audience: ReportAudience): Promise<ReportView> {
  return longWorkOf(ctx).run('cultureReport', { period, audience, now: ctx.now.toISOString() }, { beforeSnapshot: foldTallies(ctx) });
}

export const reportHandlers = {
  'reports.dashboard': awaiting<'reports.dashboard'>((ctx, input) => cultureReportOffThread(ctx, input.period, input.audience)),

  'reports.exportCsv': awaiting<'reports.exportCsv'>(async (ctx, input) => {
    const view = await cultureReportOffThread(ctx, input.period, input.audience);
    return { fileName: `${reportFileStem(view)}.csv`, mimeType: 'text/csv', dataBase64: reportCsv(view).toString('base64') };
  }),

  'reports.exportGovernorsPdf': awaiting<'reports.exportGovernorsPdf'>(async (ctx, input) => {
    // Read from one snapshot and drawn after it, both on the long-work thread.
    const pdf = await longWorkOf(ctx).run('governorsPdf', { period: input.period, now: ctx.now.toISOString() }, { beforeSnapshot: foldTallies(ctx) });
    const bytes = Buffer.from(pdf.bytes.buffer, pdf.bytes.byteOffset, pdf.bytes.byteLength);
    return { fileName: `${reportFileStem(pdf.view)}.pdf`, mimeType: 'application/pdf', dataBase64: bytes.toString('base64'), pageCount: pdf.pageCount };
  }),
};
