// The deterministic synthetic school: the same seed and date give the same pupils, staff and concerns.
export { DemoDataError, writeDemoSchool } from './writeDemoSchool';
export type { DemoProgress, DemoSchoolOptions, DemoSchoolSummary } from './writeDemoSchool';
export { schoolPhases } from './demoPupils';
export type { SchoolPhase } from './demoPupils';
export { seedFromText, seededRandom } from './random';
export { isValidUpn, makeUpn, upnCheckLetter } from './upn';
export { birthDateRange, schoolDays, schoolYearStarting, yearIndexFor } from './schoolCalendar';
