// Charts drawn as plain inline SVG: a trend line (this period against the previous one) and grouped bars. Meaning
// never rests on colour: the current period is a solid line with round dots or a solid bar, the previous one a
// dashed line with square dots or a hatched bar, each bar carries its number in words, and every chart has the
// same numbers as a table for screen readers and anyone who prefers one.
import { useId, type ReactNode } from 'react';
import type { Figure } from '../../../../shared/reports';
import { FigureText, type PeriodNames } from './Measures';

const cleanId = (id: string) => id.replace(/[^a-zA-Z0-9_-]/g, '');

/** A round number at or above `max` that splits into about four equal steps. */
function niceScale(max: number): { top: number; step: number } {
  if (max <= 4) return { top: Math.max(1, max), step: 1 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? rough;
  return { top: Math.ceil(max / step) * step, step };
}

function Legend({ periods }: { periods: PeriodNames }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      <li>
        <svg width="36" height="14" className="chart-legend__sample">
          <line x1="2" y1="7" x2="34" y2="7" className="chart__line chart__line--current" />
          <circle cx="18" cy="7" r="4" className="chart__dot chart__dot--current" />
        </svg>
        Solid, round dots: {periods.current}
      </li>
      <li>
        <svg width="36" height="14" className="chart-legend__sample">
          <line x1="2" y1="7" x2="34" y2="7" className="chart__line chart__line--previous" />
          <rect x="14" y="3" width="8" height="8" className="chart__dot chart__dot--previous" />
        </svg>
        Dashed, square dots: {periods.previous}
      </li>
    </ul>
  );
}

function BarLegend({ periods, patternId }: { periods: PeriodNames; patternId: string }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      <li>
        <svg width="24" height="14" className="chart-legend__sample">
          <rect x="1" y="1" width="22" height="12" className="chart__bar chart__bar--current" />
        </svg>
        Solid bar: {periods.current}
      </li>
      <li>
        <svg width="24" height="14" className="chart-legend__sample">
          <rect x="1" y="1" width="22" height="12" className="chart__bar chart__bar--previous" fill={`url(#${patternId})`} />
        </svg>
        Hatched bar: {periods.previous}
      </li>
    </ul>
  );
}

/** The chart's numbers as a table, in a disclosure so the page stays short for sighted readers. */
function ChartTable({ caption, headings, rows }: { caption: string; headings: readonly string[]; rows: readonly (readonly ReactNode[])[] }) {
  return (
    <details className="chart-table">
      <summary>Show these numbers as a table</summary>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {headings.map((heading) => (
                <th key={heading} scope="col">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((cells, rowIndex) => (
              <tr key={rowIndex}>
                {cells.map((cell, cellIndex) =>
                  cellIndex === 0 ? (
                    <th key={cellIndex} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={cellIndex}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export interface TrendPoint {
  label: string;
  current: number;
  previous: number | null;
}

interface TrendChartProps {
  title: string;
  /** One sentence saying what the lines show, read out as the picture's description. */
  summary: string;
  points: readonly TrendPoint[];
  periods: PeriodNames;
  /** What the vertical axis counts: "Concerns". */
  unit: string;
  /** What each point is, for the table's first column: "Week", "Month". */
  unitHeading: string;
}

export function TrendChart({ title, summary, points, periods, unit, unitHeading }: TrendChartProps) {
  const id = cleanId(useId());
  const width = 720;
  const height = 260;
  const margin = { top: 16, right: 16, bottom: 48, left: 44 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const max = Math.max(0, ...points.map((point) => Math.max(point.current, point.previous ?? 0)));
  const { top, step } = niceScale(max);
  const x = (index: number) => margin.left + (points.length <= 1 ? plotWidth / 2 : (index * plotWidth) / (points.length - 1));
  const y = (value: number) => margin.top + plotHeight - (value / top) * plotHeight;
  const ticks: number[] = [];
  for (let value = 0; value <= top; value += step) ticks.push(value);
  // Every label when they fit; otherwise every second or third, always including the first.
  const labelEvery = Math.max(1, Math.ceil(points.length / 12));
  const previousPoints = points.map((point, index) => ({ point, index })).filter(({ point }) => point.previous !== null);
  const path = (values: { x: number; y: number }[]) => values.map((value, index) => `${index === 0 ? 'M' : 'L'}${value.x.toFixed(1)},${value.y.toFixed(1)}`).join(' ');

  return (
    <figure className="chart">
      <figcaption className="chart__caption">{title}</figcaption>
      <Legend periods={periods} />
      <svg className="chart__svg" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} className="chart__grid" />
            <text x={margin.left - 8} y={y(tick) + 4} textAnchor="end" className="chart__tick">
              {tick}
            </text>
          </g>
        ))}
        <text x={12} y={margin.top + plotHeight / 2} className="chart__axis-label" transform={`rotate(-90 12 ${margin.top + plotHeight / 2})`} textAnchor="middle">
          {unit}
        </text>
        {points.map((point, index) =>
          index % labelEvery === 0 ? (
            <text key={point.label} x={x(index)} y={height - margin.bottom + 18} textAnchor="middle" className="chart__tick">
              {point.label}
            </text>
          ) : null,
        )}
        <path d={path(previousPoints.map(({ point, index }) => ({ x: x(index), y: y(point.previous!) })))} className="chart__line chart__line--previous" />
        {previousPoints.map(({ point, index }) => (
          <rect key={`p-${point.label}`} x={x(index) - 4} y={y(point.previous!) - 4} width="8" height="8" className="chart__dot chart__dot--previous" />
        ))}
        <path d={path(points.map((point, index) => ({ x: x(index), y: y(point.current) })))} className="chart__line chart__line--current" />
        {points.map((point, index) => (
          <circle key={`c-${point.label}`} cx={x(index)} cy={y(point.current)} r="4.5" className="chart__dot chart__dot--current" />
        ))}
      </svg>
      <ChartTable
        caption={title}
        headings={[unitHeading, periods.current, periods.previous]}
        rows={points.map((point) => [point.label, point.current.toLocaleString('en-GB'), point.previous === null ? 'none' : point.previous.toLocaleString('en-GB')])}
      />
    </figure>
  );
}

export interface BarRow {
  key: string;
  label: string;
  current: Figure;
  previous: Figure;
  change?: string | null;
}

interface BarChartProps {
  title: string;
  summary: string;
  rows: readonly BarRow[];
  periods: PeriodNames;
  /** What each row is, for the table's first column: "Category", "Year group". */
  rowHeading: string;
  /** Percentages are drawn against 100; counts against the largest count. */
  percent?: boolean;
  /** When a heading just above already says the title, the caption is kept for screen readers only. */
  captionHidden?: boolean;
}

export function BarChart({ title, summary, rows, periods, rowHeading, percent = false, captionHidden = false }: BarChartProps) {
  const id = cleanId(useId());
  const patternId = `${id}-hatch`;
  const width = 760;
  const labelWidth = 290;
  const valueSpace = 110;
  const barHeight = 14;
  const rowHeight = barHeight * 2 + 14;
  const height = Math.max(rowHeight, rows.length * rowHeight) + 8;
  const barArea = width - labelWidth - valueSpace;
  const max = percent ? 100 : Math.max(1, ...rows.flatMap((row) => [row.current.value ?? 0, row.previous.value ?? 0]));
  const length = (value: number) => (value / max) * barArea;

  const bar = (figure: Figure, top: number, which: 'current' | 'previous') => {
    const value = figure.value ?? 0;
    const text = figure.suppressed ? figure.display : figure.value === null ? 'not available' : figure.display;
    return (
      <g>
        {figure.value !== null && value > 0 && (
          <rect x={labelWidth} y={top} width={Math.max(2, length(value))} height={barHeight} className={`chart__bar chart__bar--${which}`} fill={which === 'previous' ? `url(#${patternId})` : undefined} />
        )}
        <text x={labelWidth + (figure.value !== null ? length(value) : 0) + 6} y={top + barHeight - 3} className={`chart__value chart__value--${which}${figure.suppressed ? ' chart__value--suppressed' : ''}`}>
          {text}
        </text>
      </g>
    );
  };

  return (
    <figure className="chart">
      <figcaption className={captionHidden ? 'visually-hidden' : 'chart__caption'}>{title}</figcaption>
      <BarLegend periods={periods} patternId={patternId} />
      {rows.length === 0 ? (
        <p className="muted">Nothing to show for these periods.</p>
      ) : (
        <svg className="chart__svg" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{summary}</desc>
          <defs>
            <pattern id={patternId} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" className="chart__hatch-back" />
              <line x1="0" y1="0" x2="0" y2="6" className="chart__hatch" />
            </pattern>
          </defs>
          {rows.map((row, index) => {
            const top = 4 + index * rowHeight;
            return (
              <g key={row.key}>
                <text x={labelWidth - 10} y={top + barHeight + 5} textAnchor="end" className="chart__label">
                  {row.label}
                </text>
                {bar(row.current, top, 'current')}
                {bar(row.previous, top + barHeight + 2, 'previous')}
              </g>
            );
          })}
          <line x1={labelWidth} x2={labelWidth} y1={0} y2={height} className="chart__axis" />
        </svg>
      )}
      <ChartTable
        caption={title}
        headings={[rowHeading, periods.current, periods.previous, 'Change']}
        rows={rows.map((row) => [row.label, <FigureText key="c" figure={row.current} />, <FigureText key="p" figure={row.previous} />, row.change ?? '—'])}
      />
    </figure>
  );
}
