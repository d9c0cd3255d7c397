// Culture reports from the store: the report, its CSV and the governors' PDF.
export { cultureReport, readCultureReport, reportFileStem } from './cultureReport';
export { loadConcernFacts, loadOutcomes, loadReportData } from './reportQueries';
export { reportCsv } from './reportCsv';
export { csvDocument, csvField } from './csvFile';
export { governorsPdf } from './governorsPdf';
export { reportHandlers } from './handlers';
