// A few sentences written from the finished report. They use only headline figures as displayed (already
// suppressed for governors), never categories, year groups or names, so no child can be picked out from them.
import type { Figure, ReportView } from './reportSchema';
import { FEWER_THAN_FIVE } from './suppression';

const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const plural = (figure: Figure, one: string, many: string) => (figure.value === 1 ? one : many);

function countPhrase(figure: Figure, one: string, many: string): string {
  if (figure.suppressed) return `${FEWER_THAN_FIVE} ${many}`;
  return `${figure.display} ${plural(figure, one, many)}`;
}

function volumeSentence(view: ReportView): string {
  const { current, previous, change } = view.concernsLogged.total;
  const before = view.previous.name;
  const now = current.value ?? 0;
  if (previous.value === 0 || previous.value === null) return `${sentenceCase(countPhrase(current, 'concern was', 'concerns were'))} logged; none were logged in ${before}.`;
  if (change === 'no change' || now === previous.value) return `Concerns logged stayed at ${current.display}, the same as in ${before}.`;
  const direction = now > previous.value ? 'rose' : 'fell';
  return `Concerns logged ${direction} ${change?.replace(/^(up|down) /, '')} compared with ${before} (from ${previous.display} to ${current.display}).`;
}

function vigilanceSentence(view: ReportView): string {
  const { share, staffWhoLogged, activeStaff } = view.vigilance;
  if (activeStaff.current.value === 0) return 'There were no active staff accounts in the period.';
  if (activeStaff.current.suppressed) return 'Fewer than 5 staff accounts were active in the period, so how many logged a concern is withheld.';
  const comparison = share.previous.value !== null && activeStaff.previous.value ? `, compared with ${share.previous.display} in ${view.previous.name}` : '';
  return `${share.current.display} of staff logged at least one concern (${staffWhoLogged.current.display} of ${activeStaff.current.display} active accounts)${comparison}.`;
}

function responsivenessSentence(view: ReportView): string {
  const { medianMinutes, sameSchoolDayShare, readCount, unreadCount } = view.responsiveness;
  if (view.concernsLogged.total.current.value === 0) return '';
  if (readCount.current.value === 0) return 'No concern logged in the period has been read by a DSL yet.';
  const sameDay = sameSchoolDayShare.current.value === null ? '' : `; ${sameSchoolDayShare.current.display} were read the same school day`;
  const unread = unreadCount.current.value ? ` ${sentenceCase(countPhrase(unreadCount.current, 'concern is', 'concerns are'))} not yet read.` : '';
  return `Median time to DSL read: ${medianMinutes.current.display}${sameDay}.${unread}`;
}

function immediateDangerSentence(view: ReportView): string {
  const { count, medianMinutes, slowestMinutes } = view.immediateDanger;
  if (count.current.value === 0) return 'No concern said a child was in immediate danger.';
  const subject = `${sentenceCase(countPhrase(count.current, 'concern', 'concerns'))} said a child was in immediate danger`;
  if (medianMinutes.current.value === null) return `${subject}; none has been read by a DSL yet.`;
  return `${subject}; median time to DSL read: ${medianMinutes.current.display} (slowest ${slowestMinutes.current.display}).`;
}

function referralSentence(view: ReportView): string {
  const { referralsMade, referralsDue, acknowledgedInTime, acknowledgedInTimeShare } = view.outcomes;
  if (referralsMade.current.value === 0) return 'No referrals were made to other agencies.';
  const made = sentenceCase(countPhrase(referralsMade.current, 'referral was', 'referrals were'));
  if (acknowledgedInTime.current.suppressed || referralsDue.current.suppressed || referralsMade.current.suppressed) return `${made} made.`;
  // Only referrals past their deadline can be on time or late: one made minutes ago is neither yet.
  if (referralsDue.current.value === 0) return `${made} made; none has reached its acknowledgement deadline yet.`;
  const notYetDue = referralsMade.current.value !== referralsDue.current.value ? ` of the ${referralsDue.current.display} past their deadline` : '';
  return `${made} made; ${acknowledgedInTime.current.display} (${acknowledgedInTimeShare.current.display})${notYetDue} acknowledged within 1 working day.`;
}

function overdueSentence(view: ReportView): string {
  const overdue = view.outcomes.overdueActionsNow;
  return overdue.value ? `${overdue.display} ${overdue.value === 1 ? 'action is' : 'actions are'} overdue today.` : '';
}

export function writeNarrative(view: ReportView): string[] {
  return [volumeSentence(view), vigilanceSentence(view), responsivenessSentence(view), immediateDangerSentence(view), referralSentence(view), overdueSentence(view)].filter((sentence) => sentence !== '');
}
