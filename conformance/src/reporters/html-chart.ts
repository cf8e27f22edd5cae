/**
 * The HTML report's chart: one stacked horizontal bar per group (a level or
 * an area) with a segment per status, as inline SVG (nothing to load).
 */
import type { CheckResult } from '../types.js';
import { escapeHtml } from '@org/liveminutes-internal';

/** The statuses a report shows, in the order the chart stacks them. `warned`: a SHOULD failure of a run that is not strict. */
export const STATUSES = ['passed', 'failed', 'warned', 'skipped'] as const;
export type DisplayStatus = (typeof STATUSES)[number];

/** Counts per status of each group, groups in order of first appearance. */
export type GroupCounts = ReadonlyArray<readonly [group: string, counts: Readonly<Record<DisplayStatus, number>>]>;

/**
 * Counts the results by group and status.
 * @example
 * countsBy(report.checks, (check) => check.level, (check) => check.status); // [['MUST', { passed: 120, failed: 0, ... }], ...]
 */
export function countsBy(results: readonly CheckResult[], groupOf: (result: CheckResult) => string, statusOf: (result: CheckResult) => DisplayStatus): GroupCounts {
  const groups = new Map<string, Record<DisplayStatus, number>>();
  for (const result of results) {
    const group = groupOf(result);
    const counts = groups.get(group) ?? { passed: 0, failed: 0, warned: 0, skipped: 0 };
    counts[statusOf(result)] += 1;
    groups.set(group, counts);
  }
  return [...groups];
}

const LABEL_WIDTH = 130;
const BAR_WIDTH = 420;
const ROW_HEIGHT = 22;

/**
 * A titled SVG chart of the counts, with the numbers written beside each bar.
 * @example
 * svgChart('Checks by level', countsBy(report.checks, (c) => c.level, (c) => c.status));
 */
export function svgChart(title: string, rows: GroupCounts): string {
  const total = (counts: Readonly<Record<DisplayStatus, number>>) => STATUSES.reduce((sum, status) => sum + counts[status], 0);
  const widest = Math.max(1, ...rows.map(([, counts]) => total(counts)));
  const height = rows.length * ROW_HEIGHT + 8;
  const bars = rows.map(([group, counts], index) => {
    const y = index * ROW_HEIGHT + 4;
    let x = LABEL_WIDTH;
    const segments = STATUSES.filter((status) => counts[status] > 0).map((status) => {
      const width = (counts[status] / widest) * BAR_WIDTH;
      const rect = `<rect class="bar-${status}" x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${ROW_HEIGHT - 6}"><title>${escapeHtml(group)}: ${counts[status]} ${status}</title></rect>`;
      x += width;
      return rect;
    });
    const numbers = STATUSES.filter((status) => counts[status] > 0).map((status) => `${counts[status]} ${status}`).join(', ');
    return `<g data-group="${escapeHtml(group)}"><text x="0" y="${y + 12}">${escapeHtml(group)}</text>${segments.join('')}` +
      `<text x="${(x + 6).toFixed(1)}" y="${y + 12}">${escapeHtml(numbers)}</text></g>`;
  });
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" width="${LABEL_WIDTH + BAR_WIDTH + 220}" height="${height}">${bars.join('')}</svg></figure>`;
}
