// Every measure on the hand-built school (handBuiltSchool.ts), with each answer worked out by hand beside it.
import { describe, expect, it } from 'vitest';
import { buildReport, resolvePeriods, type Breakdown, type ReportAudience } from '../../../../shared/reports';
import { concerns, NOW, PERIOD, school, schoolWith } from './handBuiltSchool';

const report = (audience: ReportAudience) => buildReport(school, { periods: resolvePeriods(PERIOD, '2026-11-20'), audience, now: NOW });
const head = report('head');
const governors = report('governors');

const column = (table: Breakdown, which: 'current' | 'previous' = 'current') => Object.fromEntries(table.rows.map((row) => [row.key, row[which].display]));

describe('concerns logged', () => {
  it('counts the period beside the 14 days before, with the change', () => {
    // 8 concerns from 02/11 to 15/11; 5 from 19/10 to 01/11; (8 − 5) / 5 = 60%.
    expect(head.concernsLogged.total).toMatchObject({ current: { value: 8 }, previous: { value: 5 }, change: 'up 60%' });
  });

  it('suppresses a small total for governors, so it cannot give away a table’s withheld total', () => {
    // The same school a term later with only 4 concerns left in the period: the head sees 4, governors do not.
    const quiet = schoolWith(concerns.filter((concern) => concern.recordedAt >= '2026-11-09'));
    const quietReport = (audience: ReportAudience) => buildReport(quiet, { periods: resolvePeriods(PERIOD, '2026-11-20'), audience, now: NOW });
    expect(quietReport('head').concernsLogged.total.current).toMatchObject({ value: 3, display: '3' });
    expect(quietReport('governors').concernsLogged.total.current).toMatchObject({ value: null, display: 'fewer than 5', suppressed: true });
    expect(JSON.stringify(quietReport('governors').narrative)).not.toMatch(/\b3 concerns?\b/);
  });

  it('counts per week, the weeks before aligned beside them', () => {
    // Week 1 (02–08/11): the first five; week 2 (09–15/11): three. Before: 19–25/10 none, 26/10–01/11 five.
    expect(head.concernsLogged.granularity).toBe('week');
    expect(head.concernsLogged.series).toEqual([
      { label: 'w/c 02/11', from: '2026-11-02', current: 5, previous: 0 },
      { label: 'w/c 09/11', from: '2026-11-09', current: 3, previous: 5 },
    ]);
    // Two points are too few to call a trend.
    expect(head.concernsLogged.trend).toBe('steady');
  });
});

describe('breadth of vigilance', () => {
  it('counts distinct staff who logged as a share of accounts active in the period', () => {
    // Active now: s1–s5 and s7 (s6 left before); logged: s1, s2, s3, s5, s7 → 5 of 6 = 83%.
    // Before: s1–s5 active (s7 not yet joined); logged: s1, s2 → 2 of 5 = 40%.
    expect(head.vigilance.activeStaff).toMatchObject({ current: { value: 6 }, previous: { value: 5 } });
    expect(head.vigilance.staffWhoLogged).toMatchObject({ current: { value: 5 }, previous: { value: 2 } });
    expect(head.vigilance.share).toMatchObject({ current: { display: '83%' }, previous: { display: '40%' }, change: 'up 43 percentage points' });
  });

  it('splits by kind of job', () => {
    const rows = Object.fromEntries(head.vigilance.byGroup.rows.map((row) => [row.group, [row.activeStaff.value, row.staffWhoLogged.value, row.share.display]]));
    expect(rows).toEqual({
      teaching: [2, 2, '100%'],
      support: [1, 1, '100%'],
      midday: [1, 1, '100%'],
      office: [1, 0, '0%'],
      leadership: [1, 1, '100%'],
      other: [0, 0, 'not available'],
    });
  });

  it('names the staff who logged nothing for the head only', () => {
    expect(head.vigilance.neverLogged).toEqual([{ name: 'Dan Office', staffGroup: 'office', groupLabel: 'Office and premises', stillActive: true }]);
    expect(governors.vigilance.neverLogged).toBeNull();
    expect(JSON.stringify(governors)).not.toMatch(/Dan Office|Alice Teacher|Bob Assistant|Cara Midday|Eve Head|Fay Volunteer|Gus Teacher/);
  });

  it('withholds the logging figures of every job group under 5 people for governors', () => {
    const teaching = governors.vigilance.byGroup.rows.find((row) => row.group === 'teaching')!;
    expect(teaching.staffWhoLogged).toEqual({ value: null, display: 'fewer than 5', suppressed: true });
    expect(teaching.share).toMatchObject({ value: null, suppressed: true });
    const office = governors.vigilance.byGroup.rows.find((row) => row.group === 'office')!;
    // "0 of 1 logged" would point at one person.
    expect(office.staffWhoLogged.suppressed).toBe(true);
  });
});

describe('who the concerns were about', () => {
  it('counts concerns by category, a concern in two categories in both', () => {
    // neglect: 1st, 2nd, 4th, 7th; mental health: 2nd, 8th; one each of child-on-child and physical; one not categorised.
    expect(column(head.byCategory)).toEqual({ neglect: '4', 'mental-health': '2', 'child-on-child': '1', 'physical-abuse': '1', uncategorised: '1', 'online-safety': '0' });
    expect(column(head.byCategory, 'previous')).toMatchObject({ neglect: '3', 'mental-health': '1', 'online-safety': '1' });
    expect(head.byCategory.rows[0]).toMatchObject({ label: 'Neglect', change: 'up 33%' });
  });

  it('counts a concern once per year group, however many children in it', () => {
    // Year 3: 1st, 2nd, 3rd (two Year 3 children, once), 7th, 8th = 5; Year 5, Reception and Year 6 one each.
    expect(column(head.byYearGroup)).toEqual({ R: '1', '3': '5', '5': '1', '6': '1' });
    expect(head.byYearGroup.rows.map((row) => row.label)).toEqual(['Reception', 'Year 3', 'Year 5', 'Year 6']);
  });

  it('shows 5 to governors but suppresses 4', () => {
    expect(column(governors.byYearGroup)).toEqual({ R: 'fewer than 5', '3': '5', '5': 'fewer than 5', '6': 'fewer than 5' });
    // Neglect's 4 is suppressed; so is everything else, which is all 1 or 2.
    expect(column(governors.byCategory).neglect).toBe('fewer than 5');
    expect(governors.byCategory.total.current.display).toBe('8');
    expect(governors.byCategory.rows.every((row) => row.current.value === null || row.current.value === 0)).toBe(true);
  });

  it('counts children (not concerns) by SEN status and by gender from the roster', () => {
    // Children with a concern: p1 SEN support, p2 none, p3 EHC plan, p4 not recorded, p5 none ("N").
    expect(column(head.bySen)).toEqual({ none: '2', sen_support: '1', ehc_plan: '1', unknown: '1' });
    expect(head.bySen.total.current.value).toBe(5);
    // p1, p3 ("Female"), p5 female; p2, p4 male.
    expect(column(head.byGender)).toEqual({ female: '3', male: '2', other: '0' });
    expect(column(governors.byGender)).toEqual({ female: 'fewer than 5', male: 'fewer than 5', other: '0' });
  });

  it('counts children with three or more concerns, a count only, suppressed for governors when small', () => {
    // p1 is in four concerns this period and three before; p2 in two.
    expect(head.repeatConcerns).toMatchObject({ current: { value: 1 }, previous: { value: 1 } });
    expect(governors.repeatConcerns.current).toEqual({ value: null, display: 'fewer than 5', suppressed: true });
  });
});

describe('responsiveness', () => {
  it('works out the median and 90th percentile time to a DSL reading', () => {
    // Read: 5, 10, 35, 60, 2,790, 3,800, 4,380 minutes → median (4th of 7) 60; 90th percentile (7th of 7) 4,380.
    expect(head.responsiveness.readCount.current.value).toBe(7);
    expect(head.responsiveness.unreadCount.current.value).toBe(1);
    expect(head.responsiveness.medianMinutes.current).toEqual({ value: 60, display: '1 hour', suppressed: false });
    expect(head.responsiveness.p90Minutes.current).toMatchObject({ value: 4380, display: '3 days 1 hour' });
    // Before: 10, 20, 30, 60, 1,440 → median 30, 90th percentile (5th of 5) 1,440.
    expect(head.responsiveness.medianMinutes.previous.value).toBe(30);
    expect(head.responsiveness.p90Minutes.previous.value).toBe(1440);
    expect(head.responsiveness.medianMinutes.change).toBe('up 100%');
  });

  it('counts the same school day by the school calendar: Friday 16:50 read Monday 08:10 is not, Saturday read Monday is', () => {
    // Same school day: 1st, 2nd, 3rd, 5th (Saturday → Monday), 6th, 8th (INSET Friday → Monday) = 6; not: 4th, and the
    // unread 7th whose day has ended. 6 of 8 = 75%. Before: 4 of 5 = 80%.
    expect(head.responsiveness.sameSchoolDayShare).toMatchObject({ current: { value: 75 }, previous: { value: 80 }, change: 'down 5 percentage points' });
  });

  it('reports immediate-danger concerns and how fast they were read', () => {
    // The 5th (2,790 minutes) and 6th (5 minutes): median 1,397.5 → 1,398 minutes; slowest 2,790.
    expect(head.immediateDanger.count.current.value).toBe(2);
    expect(head.immediateDanger.medianMinutes.current).toMatchObject({ value: 1398, display: '23 hours 18 minutes' });
    expect(head.immediateDanger.slowestMinutes.current).toMatchObject({ value: 2790, display: '1 day 22 hours' });
    expect(head.immediateDanger.count.previous.value).toBe(0);
    expect(governors.immediateDanger.count.current.display).toBe('fewer than 5');
  });
});

describe('outcomes', () => {
  it('counts decisions by type', () => {
    expect(column(head.outcomes.decisionsByType)).toEqual({ monitor: '1', early_help: '1', mash_referral: '1' });
    expect(column(head.outcomes.decisionsByType, 'previous')).toEqual({ monitor: '1', early_help: '0', mash_referral: '0' });
    expect(head.outcomes.decisionsByType.total.current.value).toBe(3);
  });

  it('counts referrals, those acknowledged within 1 working day, escalations, early help and closures', () => {
    const { outcomes } = head;
    expect(outcomes.referralsMade.current.value).toBe(2);
    expect(outcomes.acknowledgedInTime.current.value).toBe(1);
    expect(outcomes.acknowledgedInTimeShare.current.display).toBe('50%');
    expect(outcomes.escalated).toMatchObject({ current: { value: 1 }, previous: { value: 0 } });
    // p3's early-help decision and p1's referral to early help.
    expect(outcomes.earlyHelpStarted.current.value).toBe(2);
    expect(outcomes.concernsClosed).toMatchObject({ current: { value: 2 }, previous: { value: 1 }, change: 'up 100%' });
  });

  it('counts actions overdue today, whatever the period', () => {
    // Due 19/11 and 01/10 are past; due today (20/11) is not overdue yet.
    expect(head.outcomes.overdueActionsNow.value).toBe(2);
  });

  it('suppresses small outcome counts for governors and withholds shares made from them', () => {
    expect(governors.outcomes.referralsMade.current.display).toBe('fewer than 5');
    expect(governors.outcomes.acknowledgedInTimeShare.current).toMatchObject({ value: null, suppressed: true });
    expect(governors.outcomes.concernsClosed.current.value).toBe(2);
  });
});

describe('the narrative', () => {
  it('says what the numbers say, in plain English', () => {
    expect(head.narrative).toEqual([
      'Concerns logged rose 60% compared with the 14 days before (from 5 to 8).',
      '83% of staff logged at least one concern (5 of 6 active accounts), compared with 40% in the 14 days before.',
      'Median time to DSL read: 1 hour; 75% were read the same school day. 1 concern is not yet read.',
      '2 concerns said a child was in immediate danger; median time to DSL read: 23 hours 18 minutes (slowest 1 day 22 hours).',
      '2 referrals were made; 1 (50%) acknowledged within 1 working day.',
      '2 actions are overdue today.',
    ]);
  });

  it('says no small number to governors', () => {
    expect(governors.narrative).toContain('Fewer than 5 concerns said a child was in immediate danger; median time to DSL read: 23 hours 18 minutes (slowest 1 day 22 hours).');
    expect(governors.narrative).toContain('Fewer than 5 referrals were made.');
    expect(governors.suppressionNote).toMatch(/fewer than 5/);
    expect(head.suppressionNote).toBeNull();
  });
});
