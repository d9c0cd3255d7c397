// Long work off the thread that serves requests (decision 0026): the pool the store holder owns, and its jobs' names.
export { LongWorkFailed, LongWorkPool, LongWorkStopped, type LongWorkOptions } from './pool';
export type { CultureReportJob, LongJobInput, LongJobName, LongJobOutput } from './jobs';
