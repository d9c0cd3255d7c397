// Simple vector charts for printed reports: bars or lines, a labelled axis, a legend. Each is a tagged Figure
// whose alternative text lists every value, so a screen-reader user gets the numbers the picture shows.
import { palette, type PdfBuilder } from './pdfDocument';

export interface ChartSeries {
  name: string;
  values: readonly number[];
}

export interface ChartSpec {
  kind: 'bar' | 'line';
  title: string;
  /** The labels along the bottom (e.g. months, year groups). */
  categories: readonly string[];
  series: readonly ChartSeries[];
  /** Height of the whole figure in points (default 220). */
  height?: number;
  /** Says what the numbers count, e.g. "Concerns logged". */
  valueLabel?: string;
  /** Overrides the alternative text made from the data. */
  alt?: string;
}

/** Colours that stay distinct in greyscale print and for the commonest colour-vision differences. */
export const seriesColours = ['#1d70b8', '#d4351c', '#00703c', '#f47738', '#4c2c92', '#505a5f'] as const;

export function chartAltText(spec: ChartSpec): string {
  const kind = spec.kind === 'bar' ? 'Bar chart' : 'Line chart';
  const series = spec.series.map((entry) => `${spec.series.length > 1 ? `${entry.name}: ` : ''}${spec.categories.map((category, index) => `${category} ${entry.values[index] ?? 0}`).join(', ')}`);
  return `${kind}: ${spec.title}${spec.valueLabel ? ` (${spec.valueLabel})` : ''}. ${series.join('. ')}.`;
}

/** A rounded-up axis maximum with 4–5 whole-number steps. */
export function niceAxis(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude;
  const wholeStep = Math.max(1, Math.round(step));
  return { top: Math.ceil(max / wholeStep) * wholeStep, step: wholeStep };
}

export function chart(pdf: PdfBuilder, spec: ChartSpec): void {
  const doc = pdf.doc;
  const height = spec.height ?? 220;
  pdf.figure({ alt: spec.alt ?? chartAltText(spec), height }, (box) => {
    pdf.font('bold', 10).fillColor(palette.text).text(spec.title, box.x, box.y, { width: box.width, lineBreak: false, ellipsis: true });
    const legendHeight = spec.series.length > 1 ? 14 : 0;
    const plot = { left: box.x + 34, top: box.y + 18 + legendHeight, right: box.x + box.width - 6, bottom: box.y + height - 30 };
    const plotWidth = plot.right - plot.left;
    const plotHeight = plot.bottom - plot.top;
    const max = Math.max(0, ...spec.series.flatMap((entry) => entry.values));
    const axis = niceAxis(max);
    const yFor = (value: number) => plot.bottom - (value / axis.top) * plotHeight;

    if (legendHeight > 0) {
      let x = box.x;
      spec.series.forEach((entry, index) => {
        doc.rect(x, box.y + 15, 8, 8).fill(seriesColours[index % seriesColours.length]!);
        pdf.font('regular', 8).fillColor(palette.text).text(entry.name, x + 11, box.y + 15, { lineBreak: false });
        x += 11 + doc.widthOfString(entry.name) + 14;
      });
    }
    doc.lineWidth(0.5).strokeColor(palette.rule);
    for (let value = 0; value <= axis.top; value += axis.step) {
      const y = yFor(value);
      doc.moveTo(plot.left, y).lineTo(plot.right, y).stroke();
      pdf.font('regular', 7.5).fillColor(palette.muted).text(String(value), box.x, y - 4, { width: 30, align: 'right', lineBreak: false });
    }
    const slot = plotWidth / Math.max(1, spec.categories.length);
    spec.categories.forEach((category, index) => {
      pdf.font('regular', 7.5).fillColor(palette.text).text(category, plot.left + index * slot, plot.bottom + 4, { width: slot, align: 'center', lineBreak: false, ellipsis: true });
    });
    if (spec.valueLabel) pdf.font('regular', 7.5).fillColor(palette.muted).text(spec.valueLabel, plot.left, plot.bottom + 16, { width: plotWidth, align: 'center', lineBreak: false });

    if (spec.kind === 'bar') {
      const barWidth = (slot * 0.7) / Math.max(1, spec.series.length);
      spec.series.forEach((entry, seriesIndex) => {
        entry.values.forEach((value, index) => {
          if (value <= 0) return;
          const x = plot.left + index * slot + slot * 0.15 + seriesIndex * barWidth;
          doc.rect(x, yFor(value), barWidth, plot.bottom - yFor(value)).fill(seriesColours[seriesIndex % seriesColours.length]!);
        });
      });
    } else {
      spec.series.forEach((entry, seriesIndex) => {
        const colour = seriesColours[seriesIndex % seriesColours.length]!;
        const points = entry.values.map((value, index) => [plot.left + index * slot + slot / 2, yFor(value)] as const);
        doc.lineWidth(1.5).strokeColor(colour);
        points.forEach(([x, y], index) => (index === 0 ? doc.moveTo(x, y) : doc.lineTo(x, y)));
        if (points.length > 1) doc.stroke();
        for (const [x, y] of points) doc.circle(x, y, 2.2).fill(colour);
      });
    }
    doc.lineWidth(0.8).strokeColor(palette.text).moveTo(plot.left, plot.top).lineTo(plot.left, plot.bottom).lineTo(plot.right, plot.bottom).stroke();
  });
}
