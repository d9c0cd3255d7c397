// Each measure's definition in plain English, shown beside it on the dashboard, in the CSV and in the PDF.
export const definitions = {
  concernsLogged:
    'Concerns recorded by any member of staff during the period, counted by the date and time they were recorded (not the date of the incident). A concern about several children counts once.',
  trend:
    'Rising or falling when a straight line through the weekly (or, for periods over 20 weeks, monthly) counts changes by at least a tenth of the average count across the period; otherwise steady. Weeks are 7-day blocks from the period’s first day.',
  vigilance:
    'Staff accounts that were active at any time in the period (created before it ended and not disabled before it began), and how many of them recorded at least one concern in it. Every role counts, including leaders and office staff: anyone can notice something.',
  vigilanceByGroup: 'The same share for each kind of job, as recorded on each account.',
  neverLogged: 'Active staff accounts that recorded no concern in the period. Shown to the headteacher only; never included in anything for governors.',
  byCategory: 'Concerns recorded in the period by the category the member of staff or the DSL chose. A concern in two categories counts in both, so the rows can add up to more than the total.',
  byYearGroup:
    'Concerns recorded in the period by the year group each child was in at the time (worked out from the roster’s year group now, moved back one year for every September since). A concern about children in two year groups counts in both.',
  bySen: 'Children with at least one concern recorded in the period, by special educational needs status on the roster now (no SEN, SEN support, EHC plan).',
  byGender: 'Children with at least one concern recorded in the period, by sex or gender as recorded on the roster now.',
  responsiveness:
    'Time from a concern being recorded to a DSL or deputy first reading it, to the nearest minute, for concerns recorded in the period that have been read: the median (half were read sooner) and the 90th percentile (nine in ten were read sooner). Unread concerns are counted separately.',
  sameSchoolDay:
    'Share of concerns read by a DSL before the end of the school day on which they were recorded. A concern recorded on a weekend, bank holiday or closure day counts from the next school day, so one recorded at 16:50 on a Friday and read at 08:10 on Monday was not read the same school day. Concerns still inside their first school day and unread are not counted yet; those unread after it count as not read the same day.',
  immediateDanger: 'Concerns recorded in the period where the member of staff said a child was in immediate danger, with the median and the longest time until a DSL read the record (the DSL should already have been told in person).',
  decisionsByType: 'Decisions a DSL recorded in the period, by what was decided (including decisions not to refer).',
  referralsMade: 'Referrals to another agency (children’s social care, police, LADO, Channel, CAMHS, early help and others) made in the period.',
  referralsDue:
    'Referrals made in the period whose acknowledgement deadline has passed by the time the report was produced. A referral made today is not yet due, so it is not counted as late or on time.',
  acknowledgedInTime:
    'Of the referrals made in the period whose deadline has passed, how many the agency acknowledged by the deadline worked out when the referral was made: the end of the next working day (Monday to Friday, not bank holidays), unless the local authority’s pack sets another. The share is of the referrals past their deadline.',
  escalated: 'Escalations started in the period under the local escalation procedure, where the school disagreed with an agency’s response.',
  earlyHelpStarted: 'Children for whom early help was started in the period: a DSL decision of early help, or a referral to early help.',
  concernsClosed: 'Concerns closed by a DSL in the period (with an outcome and a reason), whenever they were recorded.',
  overdueActionsNow: 'Actions not yet completed whose due date has passed, today. This is a count for today, not for the period.',
  repeatConcerns: 'Children with three or more concerns recorded in the period. A count only: no child is identified.',
} as const;

export type MeasureId = keyof typeof definitions;
