// The jobs a long-work thread can run, by name (decision 0026). Each reads from one snapshot of the store on the
// thread's read-only connection and may then finish off the snapshot (drawing a PDF needs no database).
import type { PeriodChoice, ReportAudience, ReportView } from '../../../shared/reports';
import { governorsPdf } from '../reports/governorsPdf';
import { readCultureReport } from '../reports/cultureReport';
import type { Store } from '../store';

/** A job: `read` runs inside one read snapshot; `finish`, if given, runs after the snapshot has ended. */
export interface LongJob<Input, Output> {
  read: (db: Store, input: Input) => unknown;
  finish?: (read: never) => Promise<Output>;
  /** Never set: it carries the output type for callers. */
  readonly output?: Output;
}

/** A job that only reads. */
const reading = <Input, Output>(read: (db: Store, input: Input) => Output): LongJob<Input, Output> => ({ read });
/** A job that reads, then works on what it read outside the snapshot. */
const readingThen = <Input, Read, Output>(read: (db: Store, input: Input) => Read, finish: (read: Read) => Promise<Output>): LongJob<Input, Output> => ({
  read,
  finish: finish as (read: never) => Promise<Output>,
});

export interface CultureReportJob {
  period: PeriodChoice;
  audience: ReportAudience;
  /** The request's instant (ISO-8601): the report is as of when it was asked for. */
  now: string;
}

export const longJobs = {
  /** The culture report over the tallies as they stood when the snapshot began (fold them first, on the app's thread). */
  cultureReport: reading((db, input: CultureReportJob): ReportView => readCultureReport(db, input.period, input.audience, new Date(input.now))),

  /** The governors' PDF: the governors' view and the school's name from the snapshot, then drawn after it. */
  governorsPdf: readingThen(
    (db, input: Omit<CultureReportJob, 'audience'>) => ({
      view: readCultureReport(db, input.period, 'governors', new Date(input.now)),
      schoolName: (db.prepare('SELECT name FROM school WHERE id = 1').pluck().get() as string | undefined) ?? '',
    }),
    async ({ view, schoolName }): Promise<{ view: ReportView; bytes: Uint8Array; pageCount: number }> => {
      const pdf = await governorsPdf(view, schoolName);
      return { view, bytes: pdf.bytes, pageCount: pdf.pageCount };
    },
  ),
};

export type LongJobName = keyof typeof longJobs;
export type LongJobInput<Name extends LongJobName> = Parameters<(typeof longJobs)[Name]['read']>[1];
export type LongJobOutput<Name extends LongJobName> = NonNullable<(typeof longJobs)[Name]['output']>;
