// One measure as the head reads it: this period's figure, the previous equivalent period's beside it, the change in
// words, and the plain-English definition next to the numbers. A suppressed figure says "fewer than 5" and points
// to the note that explains why.
import type { MouseEvent, ReactNode } from 'react';
import type { Comparison, Figure } from '../../../../shared/reports';

/** A figure as text; suppressed ones carry a marker that links to the suppression note. */
export function FigureText({ figure }: { figure: Figure }) {
  if (!figure.suppressed) return <>{figure.display}</>;
  return (
    <span className="report-suppressed">
      {figure.display}
      <a className="report-suppressed__marker" href="#report-suppression" onClick={jumpToSuppressionNote}>
        <span aria-hidden="true">*</span>
        <span className="visually-hidden"> (why this is hidden)</span>
      </a>
    </span>
  );
}

function jumpToSuppressionNote(event: MouseEvent<HTMLAnchorElement>) {
  // The app routes on the hash: move focus to the note by hand instead of changing the address.
  event.preventDefault();
  const note = document.getElementById('report-suppression');
  note?.scrollIntoView({ block: 'center' });
  note?.focus();
}

export interface PeriodNames {
  current: string;
  previous: string;
}

interface MeasureProps {
  title: string;
  definition: ReactNode;
  comparison: Comparison;
  periods: PeriodNames;
  /** Smaller, inside a group of measures under one heading. */
  level?: 3 | 4;
}

/** A measure with its comparison and definition, as a card of two columns (numbers | what they mean). */
export function ComparisonMeasure({ title, definition, comparison, periods, level = 3 }: MeasureProps) {
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <div className="report-measure">
      <div className="report-measure__numbers">
        <Heading className="report-measure__title">{title}</Heading>
        <p className="report-measure__current">
          <span className="report-measure__value">
            <FigureText figure={comparison.current} />
          </span>
          <span className="report-measure__period"> in {periods.current}</span>
        </p>
        <p className="report-measure__previous">
          <FigureText figure={comparison.previous} /> in {periods.previous}
          {comparison.change && <span className="report-measure__change"> — {comparison.change}</span>}
        </p>
      </div>
      <div className="report-measure__definition">
        <p className="report-measure__definition-label">What this means</p>
        <p>{definition}</p>
      </div>
    </div>
  );
}

/** A figure with no previous period to compare with (overdue actions are counted today). */
export function SingleMeasure({ title, definition, figure, when }: { title: string; definition: string; figure: Figure; when: string }) {
  return (
    <div className="report-measure">
      <div className="report-measure__numbers">
        <h3 className="report-measure__title">{title}</h3>
        <p className="report-measure__current">
          <span className="report-measure__value">
            <FigureText figure={figure} />
          </span>
          <span className="report-measure__period"> {when}</span>
        </p>
      </div>
      <div className="report-measure__definition">
        <p className="report-measure__definition-label">What this means</p>
        <p>{definition}</p>
      </div>
    </div>
  );
}
