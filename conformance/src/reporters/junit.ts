/**
 * The JUnit XML reporter, for CI test views: one testsuite per area, one
 * testcase per check. MUST failures (and SHOULD ones in strict mode) are
 * `<failure>`s; SHOULD failures otherwise are warnings in `<system-out>`.
 */
import type { CheckResult, ConformanceReport } from '../types.js';

/** Escapes text for XML content and attributes; drops characters XML cannot hold. */
export function escapeXml(text: string): string {
  return [...text]
    .map((char) => (isXmlChar(char.codePointAt(0) ?? 0) ? char : '\uFFFD'))
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** XML 1.0's Char production: no control characters but tab and line ends, no lone surrogates. */
function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function isFailure(result: CheckResult, strict: boolean): boolean {
  return result.status === 'failed' && (result.level === 'MUST' || strict);
}

function testcase(result: CheckResult, area: string, strict: boolean): string {
  const open = `    <testcase classname="liveminutes.${escapeXml(area)}" name="${escapeXml(`${result.id}: ${result.title}`)}" time="${seconds(result.durationMs)}">`;
  const findings = escapeXml(result.findings.join('\n'));
  if (isFailure(result, strict)) {
    return `${open}\n      <failure type="${result.level}" message="${escapeXml(result.message ?? '')}">${findings}</failure>\n    </testcase>`;
  }
  if (result.status === 'failed') return `${open}\n      <system-out>SHOULD warning (rule ${escapeXml(result.rule)}):\n${findings}</system-out>\n    </testcase>`;
  if (result.status === 'skipped') return `${open}\n      <skipped message="${escapeXml(result.message ?? '')}"/>\n    </testcase>`;
  return `${open}</testcase>`;
}

/**
 * The report as JUnit XML.
 * @example
 * writeFileSync('conformance.xml', formatJunit(report));
 */
export function formatJunit(report: ConformanceReport): string {
  const areas = new Map<string, CheckResult[]>();
  for (const result of report.checks) {
    const area = result.id.split('.')[0] ?? result.id;
    areas.set(area, [...(areas.get(area) ?? []), result]);
  }
  const count = (results: readonly CheckResult[]) => ({
    tests: results.length,
    failures: results.filter((r) => isFailure(r, report.strict)).length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    time: seconds(results.reduce((sum, r) => sum + r.durationMs, 0)),
  });
  const all = count(report.checks);
  const suites = [...areas].map(([area, results]) => {
    const c = count(results);
    const cases = results.map((result) => testcase(result, area, report.strict)).join('\n');
    return `  <testsuite name="${escapeXml(area)}" tests="${c.tests}" failures="${c.failures}" errors="0" skipped="${c.skipped}" time="${c.time}">\n${cases}\n  </testsuite>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="liveminutes-conformance" tests="${all.tests}" failures="${all.failures}" errors="0" skipped="${all.skipped}" time="${seconds(report.durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
