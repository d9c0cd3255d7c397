// The culture report's commands ('reports.view': head and DSLs). They read aggregates only: no record ids go into
// the audit row because no child's or adult's record is opened, but each call is still audited (by dispatch, once the
// report is ready). The report is built on a long-work thread (decision 0026), so the saves of everyone else in the
// school go on meanwhile; only folding the newest concerns into the tallies, in short writes, happens here.
import type { PeriodChoice, ReportAudience, ReportView } from '../../../shared/reports';
import { awaiting, type CommandContext } from '../dispatch/handler';
import { LongWorkStopped } from '../longWork';
import { crossedBuffer, longWorkOf } from '../longWork/forHandlers';
import { writeTransaction } from '../store';
import { reportFileStem } from './cultureReport';
import { reportCsv } from './reportCsv';
import { bringTalliesUpToDate } from './reportTallies';

/** Concerns folded into the tallies per write while catching up: tens of milliseconds, so saves wait no longer. */
const FOLD_CHUNK = 2_000;

/**
 * Brings the tallies up to date in short writes with other people's commands between them (after a bulk import there
 * can be tens of thousands of concerns to fold), then hands over the job, whose snapshot begins right after the last.
 */
async function withTalliesFolded<T>({ app, db }: CommandContext, hand: (beforeSnapshot: () => void) => Promise<T>): Promise<T> {
  while (!writeTransaction(db, () => bringTalliesUpToDate(db, FOLD_CHUNK))) {
    await new Promise((resolve) => setImmediate(resolve));
    if (app.store !== db) throw new LongWorkStopped();
  }
  return hand(() => writeTransaction(db, () => bringTalliesUpToDate(db)));
}

function cultureReportOffThread(ctx: CommandContext, period: PeriodChoice, audience: ReportAudience): Promise<ReportView> {
  return withTalliesFolded(ctx, (beforeSnapshot) => longWorkOf(ctx).run('cultureReport', { period, audience, now: ctx.now.toISOString() }, { beforeSnapshot }));
}

export const reportHandlers = {
  'reports.dashboard': awaiting<'reports.dashboard'>((ctx, input) => cultureReportOffThread(ctx, input.period, input.audience)),

  'reports.exportCsv': awaiting<'reports.exportCsv'>(async (ctx, input) => {
    const view = await cultureReportOffThread(ctx, input.period, input.audience);
    return { fileName: `${reportFileStem(view)}.csv`, mimeType: 'text/csv', dataBase64: reportCsv(view).toString('base64') };
  }),

  'reports.exportGovernorsPdf': awaiting<'reports.exportGovernorsPdf'>(async (ctx, input) => {
    // Read from one snapshot and drawn after it, both on the long-work thread.
    const pdf = await withTalliesFolded(ctx, (beforeSnapshot) => longWorkOf(ctx).run('governorsPdf', { period: input.period, now: ctx.now.toISOString() }, { beforeSnapshot }));
    return { fileName: `${reportFileStem(pdf.view)}.pdf`, mimeType: 'application/pdf', dataBase64: crossedBuffer(pdf.bytes).toString('base64'), pageCount: pdf.pageCount };
  }),
};
