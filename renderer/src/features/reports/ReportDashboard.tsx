// The report on screen: the summary written from the data, then each measure beside the previous equivalent
// period with its definition, and the charts. What governors may not see never arrives here (the core leaves it
// out); the staff list is drawn only for the head's own view as a second guard.
import { createContext, useContext, useState, type ReactNode } from 'react';
import type { ReportView } from '../../../../shared/api';
import { formatDateTime } from '../../../../shared/calendar';
import type { Breakdown } from '../../../../shared/reports';
import { BarChart, TrendChart } from './Charts';
import { ComparisonMeasure, FigureText, SingleMeasure, type PeriodNames } from './Measures';

/** Which sections are open, and how to open or close one: the summary comes first and the rest wait for a click. */
const OpenSections = createContext<{ isOpen: (id: string) => boolean; toggle: (id: string) => void }>({ isOpen: () => true, toggle: () => {} });

const sectionIds = ['concerns', 'vigilance', 'children', 'responsiveness', 'danger', 'outcomes', 'adults'] as const;

/** Allegations by outcome, in KCSIE's order, then those still open. */
const adultOutcomeColumns = [
  ['substantiated', 'Substantiated'],
  ['false', 'False'],
  ['malicious', 'Malicious'],
  ['unsubstantiated', 'Unsubstantiated'],
  ['unfounded', 'Unfounded'],
  ['open', 'Open'],
] as const;

function Section({ id, title, children, definition }: { id: string; title: string; definition?: string; children: ReactNode }) {
  const { isOpen, toggle } = useContext(OpenSections);
  const open = isOpen(id);
  // The heading keeps its level and name (for moving by headings); the button inside it opens the section.
  return (
    <section className={open ? 'report-section report-section--open' : 'report-section'} aria-labelledby={`report-${id}`}>
      <h2 id={`report-${id}`} className="report-section__title">
        <button type="button" className="report-section__toggle" aria-expanded={open} aria-controls={`report-${id}-content`} onClick={() => toggle(id)}>
          {title}
        </button>
      </h2>
      <div id={`report-${id}-content`} hidden={!open}>
        {definition && <p className="report-section__definition">{definition}</p>}
        {children}
      </div>
    </section>
  );
}

function BreakdownChart({ breakdown, periods, rowHeading }: { breakdown: Breakdown; periods: PeriodNames; rowHeading: string }) {
  const shown = breakdown.rows.filter((row) => row.current.value !== null || row.previous.value !== null || row.current.suppressed || row.previous.suppressed);
  return (
    <div className="report-breakdown">
      <h3 className="report-breakdown__title">{breakdown.title}</h3>
      <div className="report-breakdown__body">
        <div className="report-measure__definition">
          <p className="report-measure__definition-label">What this means</p>
          <p>{breakdown.definition}</p>
          <p>
            Total: <FigureText figure={breakdown.total.current} /> in {periods.current}; <FigureText figure={breakdown.total.previous} /> in {periods.previous}.
          </p>
        </div>
        <BarChart
          title={breakdown.title}
          summary={`${breakdown.title}: ${shown.map((row) => `${row.label} ${row.current.display} (${row.previous.display} before)`).join('; ')}.`}
          rows={shown}
          periods={periods}
          rowHeading={rowHeading}
          captionHidden
        />
      </div>
    </div>
  );
}

export function ReportDashboard({ view }: { view: ReportView }) {
  const periods: PeriodNames = { current: view.period.name, previous: view.previous.name };
  const governors = view.audience === 'governors';
  const { concernsLogged, vigilance, responsiveness, immediateDanger, outcomes } = view;
  const perWhat = concernsLogged.granularity === 'week' ? 'week' : 'month';
  const narrative = view.narrative.filter((sentence) => sentence.trim() !== '').join(' ');
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const sections = {
    isOpen: (id: string) => open.has(id),
    toggle: (id: string) => setOpen((previous) => (previous.has(id) ? new Set([...previous].filter((other) => other !== id)) : new Set([...previous, id]))),
  };
  const allOpen = sectionIds.every((id) => open.has(id));

  return (
    <OpenSections.Provider value={sections}>
    <article className="report" aria-labelledby="report-title">
      <header className="report-header">
        <h2 id="report-title" className="report-header__title">
          {view.period.label}
        </h2>
        <p>
          Compared with {view.previous.label}. Produced on {formatDateTime(new Date(view.producedAt))}.
        </p>
        <p className={governors ? 'report-audience report-audience--governors' : 'report-audience'}>
          <strong className="tag">{governors ? 'For governors' : 'Not for sharing'}</strong>{' '}
          {governors ? 'Small numbers are shown as “fewer than 5” and nobody is named.' : 'Exact numbers and staff names: for the school’s leaders only.'}
        </p>
      </header>

      <section className="report-section report-section--summary" aria-labelledby="report-summary">
        <h2 id="report-summary" className="report-section__title">
          Summary
        </h2>
        <p className="report-narrative">{narrative}</p>
        <p className="report-sections__hint">
          Each part below opens with a click.{' '}
          <button type="button" className="link-button" onClick={() => setOpen(allOpen ? new Set() : new Set(sectionIds))}>
            {allOpen ? 'Close every part' : 'Open every part'}
          </button>
        </p>
      </section>

      {view.suppressionNote && (
        <div className="report-suppression" id="report-suppression" tabIndex={-1}>
          <h2 className="report-suppression__title">
            <span aria-hidden="true">* </span>About “fewer than 5” and “withheld”
          </h2>
          <p>{view.suppressionNote}</p>
        </div>
      )}

      <Section id="concerns" title="Concerns logged">
        <ComparisonMeasure title={concernsLogged.title} definition={concernsLogged.definition} comparison={concernsLogged.total} periods={periods} />
        <TrendChart
          title={`Concerns logged per ${perWhat}`}
          summary={`Concerns logged each ${perWhat} of ${periods.current}, with ${periods.previous} lined up beside it. The trend is ${concernsLogged.trend}.`}
          points={concernsLogged.series}
          periods={periods}
          unit="Concerns"
          unitHeading={perWhat === 'week' ? 'Week' : 'Month'}
        />
        <p>
          <strong>Trend: {concernsLogged.trend}.</strong> {concernsLogged.trendDefinition}
        </p>
      </Section>

      <Section id="vigilance" title={vigilance.title}>
        <div className="report-measures">
          <ComparisonMeasure title="Share of staff who logged at least one concern" definition={vigilance.definition} comparison={vigilance.share} periods={periods} />
          <ComparisonMeasure title="Staff who logged a concern" definition="Active staff accounts that recorded at least one concern in the period." comparison={vigilance.staffWhoLogged} periods={periods} />
          <ComparisonMeasure title="Active staff accounts" definition="Accounts that could log a concern at any time in the period." comparison={vigilance.activeStaff} periods={periods} />
        </div>
        <div className="report-breakdown">
          <h3 className="report-breakdown__title">By kind of job</h3>
          <div className="report-breakdown__body">
            <div className="report-measure__definition">
              <p className="report-measure__definition-label">What this means</p>
              <p>{vigilance.byGroup.definition}</p>
            </div>
            <BarChart
              title="Share of staff who logged a concern, by kind of job"
              summary={vigilance.byGroup.rows.map((row) => `${row.label}: ${row.share.display} (${row.previousShare.display} before)`).join('; ')}
              rows={vigilance.byGroup.rows.map((row) => ({ key: row.group, label: row.label, current: row.share, previous: row.previousShare }))}
              periods={periods}
              rowHeading="Kind of job"
              percent
            />
          </div>
          <div className="table-wrap">
            <table className="table report-table">
              <caption className="report-table__caption">Staff who logged a concern in {periods.current}, by kind of job</caption>
              <thead>
                <tr>
                  <th scope="col">Kind of job</th>
                  <th scope="col">Active accounts</th>
                  <th scope="col">Logged at least one</th>
                  <th scope="col">Share</th>
                  <th scope="col">Share in {periods.previous}</th>
                </tr>
              </thead>
              <tbody>
                {vigilance.byGroup.rows.map((row) => (
                  <tr key={row.group}>
                    <th scope="row">{row.label}</th>
                    <td>
                      <FigureText figure={row.activeStaff} />
                    </td>
                    <td>
                      <FigureText figure={row.staffWhoLogged} />
                    </td>
                    <td>
                      <FigureText figure={row.share} />
                    </td>
                    <td>
                      <FigureText figure={row.previousShare} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        {!governors && vigilance.neverLogged && (
          <div className="report-never-logged">
            <h3 className="report-breakdown__title">Staff who logged no concern in {periods.current}</h3>
            <p className="report-section__definition">{vigilance.neverLoggedDefinition}</p>
            {vigilance.neverLogged.length === 0 ? (
              <p>Every active member of staff logged at least one concern.</p>
            ) : (
              <div className="table-wrap">
                <table className="table report-table">
                  <caption className="visually-hidden">Staff who logged no concern</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Kind of job</th>
                      <th scope="col">Account</th>
                    </tr>
                  </thead>
                  <tbody>
                    {vigilance.neverLogged.map((member) => (
                      <tr key={`${member.name}-${member.staffGroup}`}>
                        <th scope="row">{member.name}</th>
                        <td>{member.groupLabel}</td>
                        <td>{member.stillActive ? 'Active' : 'Disabled'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        )}
      </Section>

      <Section id="children" title="Who the concerns were about">
        <BreakdownChart breakdown={view.byCategory} periods={periods} rowHeading="Category" />
        <BreakdownChart breakdown={view.byYearGroup} periods={periods} rowHeading="Year group" />
        <BreakdownChart breakdown={view.bySen} periods={periods} rowHeading="Special educational needs" />
        <BreakdownChart breakdown={view.byGender} periods={periods} rowHeading="Sex" />
        <ComparisonMeasure title={view.repeatConcerns.title} definition={view.repeatConcerns.definition} comparison={view.repeatConcerns} periods={periods} />
      </Section>

      <Section id="responsiveness" title={responsiveness.title}>
        <div className="report-measures">
          <ComparisonMeasure title="Median time to a DSL reading it" definition={responsiveness.definition} comparison={responsiveness.medianMinutes} periods={periods} />
          <ComparisonMeasure title="90th percentile" definition="Nine in ten concerns that have been read were read within this time; the other one in ten took longer." comparison={responsiveness.p90Minutes} periods={periods} />
          <ComparisonMeasure title="Read the same school day" definition={responsiveness.sameSchoolDayDefinition} comparison={responsiveness.sameSchoolDayShare} periods={periods} />
          <ComparisonMeasure title="Concerns read by a DSL" definition="Concerns logged in the period that a DSL has opened, by now." comparison={responsiveness.readCount} periods={periods} />
          <ComparisonMeasure title="Concerns not yet read" definition="Concerns logged in the period that no DSL has opened yet." comparison={responsiveness.unreadCount} periods={periods} />
        </div>
      </Section>

      <Section id="danger" title={immediateDanger.title} definition={immediateDanger.definition}>
        <div className="report-measures">
          <ComparisonMeasure title="Concerns marked immediate danger" definition="Concerns where the member of staff said a child was in immediate danger." comparison={immediateDanger.count} periods={periods} />
          <ComparisonMeasure title="Median time to a DSL reading them" definition="The middle time from logging to a DSL reading these concerns." comparison={immediateDanger.medianMinutes} periods={periods} />
          <ComparisonMeasure title="Slowest time to a DSL reading one" definition="The longest time any of these concerns waited to be read." comparison={immediateDanger.slowestMinutes} periods={periods} />
          <ComparisonMeasure title="Not yet read" definition="Immediate-danger concerns that no DSL has opened yet." comparison={immediateDanger.unread} periods={periods} />
        </div>
      </Section>

      <Section id="outcomes" title="What happened next">
        <BreakdownChart breakdown={outcomes.decisionsByType} periods={periods} rowHeading="Decision" />
        <div className="report-measures">
          <ComparisonMeasure title={outcomes.referralsMade.title} definition={outcomes.referralsMade.definition} comparison={outcomes.referralsMade} periods={periods} />
          <ComparisonMeasure title={outcomes.referralsDue.title} definition={outcomes.referralsDue.definition} comparison={outcomes.referralsDue} periods={periods} />
          <ComparisonMeasure title={outcomes.acknowledgedInTime.title} definition={outcomes.acknowledgedInTime.definition} comparison={outcomes.acknowledgedInTime} periods={periods} />
          <ComparisonMeasure
            title="Share of referrals acknowledged within 1 working day"
            definition="The referrals acknowledged within 1 working day, as a share of the referrals past their deadline (a referral not yet due is not counted)."
            comparison={outcomes.acknowledgedInTimeShare}
            periods={periods}
          />
          <ComparisonMeasure title={outcomes.escalated.title} definition={outcomes.escalated.definition} comparison={outcomes.escalated} periods={periods} />
          <ComparisonMeasure title={outcomes.earlyHelpStarted.title} definition={outcomes.earlyHelpStarted.definition} comparison={outcomes.earlyHelpStarted} periods={periods} />
          <ComparisonMeasure title={outcomes.concernsClosed.title} definition={outcomes.concernsClosed.definition} comparison={outcomes.concernsClosed} periods={periods} />
          <SingleMeasure title={outcomes.overdueActionsNow.title} definition={outcomes.overdueActionsNow.definition} figure={outcomes.overdueActionsNow} when="today" />
        </div>
      </Section>

      {view.adults && (
        <Section id="adults" title={view.adults.title} definition={view.adults.definition}>
          {view.adults.terms.length === 0 ? (
            <p>None recorded in this period.</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">Concerns about adults by term: counts only</caption>
                <thead>
                  <tr>
                    <th scope="col">Term</th>
                    <th scope="col">Low-level concerns</th>
                    <th scope="col">Allegations</th>
                    {adultOutcomeColumns.map(([key, label]) => (
                      <th scope="col" key={key}>
                        {label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {view.adults.terms.map((term) => (
                    <tr key={term.term}>
                      <th scope="row">{term.term}</th>
                      <td>{term.lowLevel.display}</td>
                      <td>{term.allegations.display}</td>
                      {adultOutcomeColumns.map(([key]) => (
                        <td key={key}>{term.outcomes[key]?.display ?? '0'}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Section>
      )}
    </article>
    </OpenSections.Provider>
  );
}
