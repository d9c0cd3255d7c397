// Safeguarding culture reports for headteachers and governors. 'reports.view' is the head's and the DSLs';
// nothing here reaches a child's file, and the governors' audience is suppressed in the core before it leaves.
import { z } from 'zod';
import { periodChoiceSchema, reportAudiences, reportViewSchema } from '../reports/reportSchema';
import { command } from './define';

const reportRequestSchema = z.object({ period: periodChoiceSchema, audience: z.enum(reportAudiences, { message: 'Choose who the report is for' }) });

export const reportFileSchema = z.object({
  /** Named by the period and the date produced, never by a person. */
  fileName: z.string(),
  mimeType: z.string(),
  dataBase64: z.string(),
});
export type ReportFile = z.infer<typeof reportFileSchema>;

export const reportCommands = {
  /** The dashboard: every measure for the period beside the previous equivalent one. */
  'reports.dashboard': command('reports.view', reportRequestSchema, reportViewSchema),
  /** The measures as CSV (for governors: suppressed, no staff names). */
  'reports.exportCsv': command('reports.view', reportRequestSchema, reportFileSchema),
  /** The governors' PDF: always the governors' audience, with charts, narrative, definitions and the suppression note. */
  'reports.exportGovernorsPdf': command('reports.view', z.object({ period: periodChoiceSchema }), reportFileSchema.extend({ pageCount: z.number().int() })),
};

export { periodChoiceSchema, reportViewSchema };
export type { PeriodChoice, ReportAudience, ReportView } from '../reports/reportSchema';
