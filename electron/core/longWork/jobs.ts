// The jobs a long-work thread can run, by name (decision 0026). Three kinds:
// - `reading`: reads from one snapshot of the store on the thread's read-only connection (the culture report);
// - `readingThen`: reads from one snapshot, then works on what it read after the snapshot has ended (the governors'
//   PDF: drawing needs no database);
// - `drawing`: works only on its input, never touching the store (an export's PDF and encrypted archive, drawn from
//   the child's file the app's thread has already gathered; opening another school's archive). Its input and output
//   are plain data that crosses between threads by structured cloning (a Buffer arrives as a Uint8Array).
import type { PeriodChoice, ReportAudience, ReportView } from '../../../shared/reports';
import { adultSummaryFiles, chronologyFiles, openTransfer, referralPackFiles, subjectAccessFiles, transferFiles } from '../exports/packs';
import { governorsPdf } from '../reports/governorsPdf';
import { readCultureReport } from '../reports/cultureReport';
import type { Store } from '../store';

/**
 * A job: `read`, if given, runs inside one read snapshot; `finish`, if given, runs after it (on what `read` returned,
 * or on the input when there is no `read`). At least one of them is given.
 */
export interface LongJob<Input, Output> {
  read?: (db: Store, input: Input) => unknown;
  finish?: (read: never) => Promise<Output>;
  /** Never set: they carry the input and output types for callers. */
  readonly input?: Input;
  readonly output?: Output;
}

/** A job that only reads. */
const reading = <Input, Output>(read: (db: Store, input: Input) => Output): LongJob<Input, Output> => ({ read });
/** A job that reads, then works on what it read outside the snapshot. */
const readingThen = <Input, Read, Output>(read: (db: Store, input: Input) => Read, finish: (read: Read) => Promise<Output>): LongJob<Input, Output> => ({
  read,
  finish: finish as (read: never) => Promise<Output>,
});
/** A job that works only on its input: no snapshot, no statement, nothing from the store. */
const drawing = <Input, Output>(finish: (input: Input) => Promise<Output>): LongJob<Input, Output> => ({ finish: finish as (read: never) => Promise<Output> });

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

  /** The MASH referral pack: its PDF and JSON in an encrypted archive, from the document gathered on the app's thread. */
  referralPack: drawing(referralPackFiles),
  /** A chronology as a PDF or CSV, in an encrypted archive if asked for. */
  chronology: drawing(chronologyFiles),
  /** A subject-access response's PDF in an encrypted archive. */
  subjectAccess: drawing(subjectAccessFiles),
  /** A child protection file transfer: PDF, JSON and manifest in an encrypted archive. */
  transfer: drawing(transferFiles),
  /** A concern about an adult as a summary for the person or the LADO, in an encrypted archive. */
  adultSummary: drawing(adultSummaryFiles),
  /** Opens another school's transfer archive; a refusal (wrong passphrase, damaged, altered) comes back as a value. */
  openTransfer: drawing(openTransfer),
};

export type LongJobName = keyof typeof longJobs;
export type LongJobInput<Name extends LongJobName> = NonNullable<(typeof longJobs)[Name]['input']>;
export type LongJobOutput<Name extends LongJobName> = NonNullable<(typeof longJobs)[Name]['output']>;
