// How report numbers read: en-GB, whole percentages, durations in words.
import { formatIsoDate } from '../calendar';

/** "35 minutes", "2 hours 5 minutes", "3 days 4 hours". */
export function durationText(minutes: number): string {
  const whole = Math.round(minutes);
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (whole < 60) return plural(whole, 'minute');
  if (whole < 24 * 60) {
    const hours = Math.floor(whole / 60);
    const rest = whole % 60;
    return rest === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(rest, 'minute')}`;
  }
  const days = Math.floor(whole / (24 * 60));
  const hours = Math.floor((whole % (24 * 60)) / 60);
  return hours === 0 ? plural(days, 'day') : `${plural(days, 'day')} ${plural(hours, 'hour')}`;
}

export const percentText = (percent: number) => `${percent}%`;

export const shortDate = (isoDate: string) => formatIsoDate(isoDate).slice(0, 5);

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const monthLabel = (isoDate: string) => `${monthNames[Number(isoDate.slice(5, 7)) - 1]} ${isoDate.slice(0, 4)}`;
