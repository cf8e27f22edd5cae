/**
 * The HTML reporter: one self-contained page a server team can open and
 * share. The verdict, a chart of the counts by level and by area (inline SVG),
 * every check with its rule and status, each failure's findings with the
 * requests and answer excerpts, and filters by status and level. Styles and
 * the filter script are inline and allowed by hash in the page's
 * Content-Security-Policy, which allows nothing else: the page loads nothing.
 * The report it renders is already redacted by the runner.
 */
import { createHash } from 'node:crypto';
import type { CheckResult, ConformanceReport } from '../types.js';
import { escapeHtml } from '@org/liveminutes-internal';
import { countsBy, STATUSES, svgChart, type DisplayStatus } from './html-chart.js';
import { resentNote } from './pretty.js';

const STYLE = `
:root { color-scheme: light dark; --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --skip: #6e7781; }
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.4rem; margin: .5rem 0; }
.verdict { display: inline-block; font-weight: 700; padding: .2rem .7rem; border-radius: .3rem; color: #fff; }
.verdict.passed { background: var(--pass); } .verdict.failed { background: var(--fail); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .8rem 0; }
dl.facts dt { color: var(--skip); } dl.facts dd { margin: 0; }
.bar-passed { fill: var(--pass); } .bar-failed { fill: var(--fail); } .bar-warned { fill: var(--warn); } .bar-skipped { fill: var(--skip); }
svg text { fill: currentColor; font-size: 12px; }
fieldset { border: 1px solid #8884; border-radius: .3rem; display: inline-block; margin: 0 .5rem .5rem 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #8883; vertical-align: top; }
tbody.check[hidden] { display: none; }
.status { font-weight: 600; } .status-passed { color: var(--pass); } .status-failed { color: var(--fail); } .status-warned { color: var(--warn); } .status-skipped { color: var(--skip); }
code, pre { font: 12px/1.4 ui-monospace, monospace; }
pre { white-space: pre-wrap; word-break: break-all; background: #8881; padding: .4rem; margin: .3rem 0; }
td.details { padding-left: 2rem; }
`;

// The filters: hide every check whose status or level is unticked, and say how many are shown.
const SCRIPT = `
const form = document.getElementById('filters');
const checks = [...document.querySelectorAll('tbody.check')];
const shown = document.getElementById('shown');
function apply() {
  const ticked = (name) => new Set(new FormData(form).getAll(name));
  const statuses = ticked('status');
  const levels = ticked('level');
  let count = 0;
  for (const check of checks) {
    check.hidden = !(statuses.has(check.dataset.status) && levels.has(check.dataset.level));
    if (!check.hidden) count += 1;
  }
  shown.textContent = count + ' of ' + checks.length + ' checks shown';
}
form.addEventListener('change', apply);
apply();
`;

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * A check's status as the report shows it: a SHOULD failure is a warning unless the run was strict.
 * @example
 * displayStatus({ ...result, status: 'failed', level: 'SHOULD' }, false); // 'warned'
 */
export function displayStatus(result: CheckResult, strict: boolean): DisplayStatus {
  return result.status === 'failed' && result.level !== 'MUST' && !strict ? 'warned' : result.status;
}

function checkRows(result: CheckResult, strict: boolean): string {
  const status = displayStatus(result, strict);
  const row = `<tr><td><code>${escapeHtml(result.id)}</code></td><td>${escapeHtml(result.level)}</td><td><code>${escapeHtml(result.rule)}</code></td>` +
    `<td class="status status-${status}">${status}</td><td>${escapeHtml(result.title)}</td></tr>`;
  let details = '';
  if (result.status === 'failed') {
    const findings = result.findings.map((finding) => `<li>${escapeHtml(finding)}</li>`).join('');
    const exchanges = (result.exchanges ?? [])
      .map((exchange) => `<p>Request</p><pre>${escapeHtml(exchange.request)}</pre><p>Answer: HTTP ${exchange.status}</p><pre>${escapeHtml(exchange.answer)}</pre>`)
      .join('');
    details = `<tr><td class="details" colspan="5"><ul class="findings">${findings}</ul>${exchanges ? `<details><summary>Last requests and answers</summary>${exchanges}</details>` : ''}</td></tr>`;
  } else if (result.status === 'skipped' && result.message) {
    details = `<tr><td class="details" colspan="5">skipped: ${escapeHtml(result.message)}</td></tr>`;
  }
  return `<tbody class="check" data-status="${status}" data-level="${escapeHtml(result.level)}">${row}${details}</tbody>`;
}

function filters(levels: readonly string[]): string {
  const box = (name: string, value: string) => `<label><input type="checkbox" name="${name}" value="${escapeHtml(value)}" checked> ${escapeHtml(value)}</label>`;
  return `<form id="filters"><fieldset><legend>Status</legend>${STATUSES.map((status) => box('status', status)).join(' ')}</fieldset>` +
    `<fieldset><legend>Level</legend>${levels.map((level) => box('level', level)).join(' ')}</fieldset> <output id="shown"></output></form>`;
}

/**
 * The report as one self-contained HTML page.
 * @example
 * writeFileSync('report.html', formatHtml(report));
 */
export function formatHtml(report: ConformanceReport): string {
  const { summary } = report;
  const verdict = report.ok ? 'passed' : 'failed';
  const levels = [...new Set(report.checks.map((check) => check.level))].sort();
  const status = (check: CheckResult) => displayStatus(check, report.strict);
  const byLevel = countsBy(report.checks, (check) => check.level, status);
  const byArea = countsBy(report.checks, (check) => check.id.split('.')[0] ?? check.id, status);
  const csp = `default-src 'none'; style-src ${hash(STYLE)}; script-src ${hash(SCRIPT)}; base-uri 'none'; form-action 'none'`;
  const facts: Array<[string, string]> = [
    ['target', `${report.target.baseUrl}${report.target.embedded ? ' (embedded sandbox)' : ''}`],
    ['spec', report.specVersion],
    ['tool', `${report.tool.name} ${report.tool.version}`],
    ['started', report.startedAt],
    ['duration', `${(report.durationMs / 1000).toFixed(2)} s`],
    ['requests', `${report.requests.sent} of at most ${report.requests.max}${resentNote(report)}`],
    ['checks', `${summary.passed} passed, ${summary.mustFailed} MUST failed, ${summary.shouldFailed} SHOULD ${report.strict ? 'failed' : 'warnings'}, ${summary.skipped} skipped (${summary.total})`],
    ['cleanup', `${report.cleanup.cancelled} meetings cancelled${report.cleanup.leftover.length ? `; could not cancel ${report.cleanup.leftover.join(', ')}` : ''}`],
  ];
  if (report.aborted) facts.push(['stopped early', `${report.aborted.reason}: ${report.aborted.message}`]);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>LiveMinutes conformance: ${verdict.toUpperCase()}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>LiveMinutes conformance <span class="verdict ${verdict}" id="verdict">${verdict.toUpperCase()}</span></h1>
<dl class="facts">${facts.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>
<h2>Counts</h2>
${svgChart('Checks by level', byLevel)}
${svgChart('Checks by area', byArea)}
<h2>Checks</h2>
${filters(levels)}
<table>
<thead><tr><th>check</th><th>level</th><th>rule</th><th>status</th><th>title</th></tr></thead>
${report.checks.map((check) => checkRows(check, report.strict)).join('\n')}
</table>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
