// The working-day calendar and UK date formatting behind every clock in the product (docs/decisions/0005).
export { bankHolidayCoverage, bankHolidayName, bankHolidaysInYear, isBankHolidayEnglandWales } from './bankHolidays';
export type { BankHoliday } from './bankHolidayRules';
export { addCalendarDays, isIsoDate, type IsoWeekday } from './isoDate';
export {
  endOfLondonDay,
  formatDate,
  formatDateTime,
  formatIsoDate,
  formatTime,
  londonDateTime,
  londonIsoDate,
  londonParts,
  londonTimeZone,
  startOfLondonDay,
  type LondonParts,
} from './londonTime';
export { enterADateMessage, enterARealDateMessage, parseUkDate, ukDateSchema, type UkDateParse } from './ukDate';
export { isOverdue, WorkingCalendar, type WorkingCalendarOptions } from './workingCalendar';
export {
  schoolYearOf,
  schoolYearSpan,
  termBefore,
  termContaining,
  termDatesFor,
  termDatesProblems,
  termNames,
  usualTermDates,
  type SchoolYearTerms,
  type Term,
  type TermName,
} from './termDates';
