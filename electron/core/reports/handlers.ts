// The culture report's commands ('reports.view': head and DSLs). They read aggregates only: no record ids go into
// the audit row because no child's or adult's record is opened, but each call is still audited.
import { awaiting, inTransaction } from '../dispatch/handler';
import { cultureReport, reportFileStem } from './cultureReport';
import { governorsPdf } from './governorsPdf';
import { reportCsv } from './reportCsv';

export const reportHandlers = {
  'reports.dashboard': inTransaction<'reports.dashboard'>(({ db, now }, input) => cultureReport(db, input.period, input.audience, now)),

  'reports.exportCsv': inTransaction<'reports.exportCsv'>(({ db, now }, input) => {
    const view = cultureReport(db, input.period, input.audience, now);
    return { fileName: `${reportFileStem(view)}.csv`, mimeType: 'text/csv', dataBase64: reportCsv(view).toString('base64') };
  }),

  'reports.exportGovernorsPdf': awaiting<'reports.exportGovernorsPdf'>(async ({ db, now, transact }, input) => {
    // Read in one transaction (a consistent snapshot, audited with it); draw the PDF after, outside it.
    const { view, schoolName } = transact(() => ({
      view: cultureReport(db, input.period, 'governors', now),
      schoolName: (db.prepare('SELECT name FROM school WHERE id = 1').pluck().get() as string | undefined) ?? '',
    }));
    const pdf = await governorsPdf(view, schoolName);
    return { fileName: `${reportFileStem(view)}.pdf`, mimeType: 'application/pdf', dataBase64: pdf.bytes.toString('base64'), pageCount: pdf.pageCount };
  }),
};
