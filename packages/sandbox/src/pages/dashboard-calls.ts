/**
 * The dashboard's request inspector: the account's recent API calls, newest
 * first, each with its parameters and answer (masked by the call log), the
 * time it took, and for a failure the spec rule it broke (id, level and
 * title from the spec), the parameter, what was sent and the bound.
 */
import { getRule } from '@org/liveminutes-spec';
import type { CallFailure, CallRecord } from '../calls/call-log.js';
import { html, type SafeHtml } from './html.js';

/**
 * How many calls the dashboard shows (the call log keeps more; the control API reads them all).
 * @example
 * calls.recent(accountSid, { limit: DASHBOARD_CALLS });
 */
export const DASHBOARD_CALLS = 50;

function ruleOf(id: string): { level: string; title: string } | undefined {
  try {
    const rule = getRule(id);
    return { level: rule.level, title: rule.title };
  } catch {
    return undefined;
  }
}

function renderFailure(failure: CallFailure): SafeHtml {
  const rule = ruleOf(failure.rule);
  const sent =
    failure.param === undefined
      ? ''
      : failure.sent === undefined
        ? html`<dt>Sent</dt><dd>nothing for <code>${failure.param}</code></dd>`
        : html`<dt>Sent</dt><dd><code>${failure.param}</code> = <code class="sent">${failure.sent}</code> (${failure.sentLength ?? 0} ${failure.sentLength === 1 ? 'character' : 'characters'})</dd>`;
  return html`<dl class="failure">
<dt>Error</dt><dd><code>${failure.error}</code>${failure.param === undefined ? '' : html` on <code>${failure.param}</code>`}</dd>
<dt>Rule</dt><dd><code class="rule">${failure.rule}</code>${rule ? html` (${rule.level}): ${rule.title}` : ''}</dd>
${sent}
${failure.bound === undefined ? '' : html`<dt>Bound</dt><dd><code class="bound">${failure.bound}</code></dd>`}
</dl>`;
}

function renderParams(params: Readonly<Record<string, string>>): SafeHtml {
  const entries = Object.entries(params);
  if (entries.length === 0) return html`<span class="none">none</span>`;
  return html`<ul class="params">${entries.map(([name, value]) => html`<li><code>${name}</code> = <code>${value}</code></li>`)}</ul>`;
}

function renderCall(call: CallRecord, index: number): SafeHtml {
  const failed = call.answer.resultcode !== 1;
  const time = call.at.replace('T', ' ').replace('Z', '');
  return html`<tr class="${failed ? 'call failed' : 'call'}" id="call-${index + 1}" data-operation="${call.operation}" data-resultcode="${String(call.answer.resultcode ?? '')}"${call.failure ? html` data-rule="${call.failure.rule}"` : ''}>
<td><time datetime="${call.at}">${time}</time></td>
<td><code>${call.operation}</code></td>
<td>${renderParams(call.params)}</td>
<td>${call.status === 0 ? html`<span class="dropped">No answer: the connection was dropped.</span>` : html`<code class="answer">${JSON.stringify(call.answer)}</code>`}${call.failure ? renderFailure(call.failure) : ''}</td>
<td>${call.ms.toFixed(1)} ms</td>
</tr>`;
}

/**
 * The inspector section of the dashboard.
 * @example
 * renderCallsSection(calls.recent('trw76p0066423', { limit: DASHBOARD_CALLS })).value.includes('Recent API calls'); // true
 */
export function renderCallsSection(calls: readonly CallRecord[] | undefined): SafeHtml {
  if (calls === undefined) return html``;
  const failed = calls.filter((call) => call.answer.resultcode !== 1).length;
  const summary = html`<p id="call-count" data-count="${calls.length}" data-failed="${failed}">${calls.length === 0 ? 'No API call yet.' : `${calls.length} most recent ${calls.length === 1 ? 'call' : 'calls'}, ${failed} failed; newest first. Tokens are masked.`}</p>`;
  const table =
    calls.length === 0
      ? ''
      : html`<div class="scroll"><table class="calls"><caption>Recent API calls</caption>
<thead><tr><th scope="col">Time (UTC)</th><th scope="col">Operation</th><th scope="col">Parameters</th><th scope="col">Answer</th><th scope="col">Took</th></tr></thead>
<tbody>${calls.map(renderCall)}</tbody></table></div>`;
  return html`<section class="inspector" aria-labelledby="calls-heading">
<h2 id="calls-heading">Recent API calls</h2>
${summary}
${table}
</section>`;
}
