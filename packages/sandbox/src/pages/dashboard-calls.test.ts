import { getRule } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../calls/call-log.js';
import { renderCallsSection } from './dashboard-calls.js';

const rule = getRule('param.user-id-length');
const ok: CallRecord = {
  at: '2026-12-07T04:00:00.001Z',
  operation: 'createMeeting',
  params: { meetingKey: 'k1', hostid: 'h<1>' },
  status: 200,
  answer: { resultcode: 1, meetingKey: 'k1', hostUrl: 'http://h/e/[redacted]' },
  ms: 1.234,
};
const failed: CallRecord = {
  at: '2026-12-07T04:00:00.002Z',
  operation: 'addParticipant',
  params: { meetingKey: 'k1', puid: 'p'.repeat(51) },
  status: 200,
  answer: { resultcode: 0, error: 'invalid_parameter', message: `puid must be at most 50 characters (rule ${rule.id}).`, param: 'puid' },
  ms: 0.5,
  failure: { error: 'invalid_parameter', rule: rule.id, param: 'puid', sent: 'p'.repeat(51), sentLength: 51, bound: 'maxLength 50' },
};

describe('renderCallsSection', () => {
  it('shows each call in the order given, a failed one with its rule, level, title, what was sent and the bound', () => {
    const section = renderCallsSection([failed, ok]).value;
    expect(section).toContain('data-count="2" data-failed="1">2 most recent calls, 1 failed; newest first.');
    expect(section.indexOf('id="call-1" data-operation="addParticipant"')).toBeGreaterThan(0);
    expect(section.indexOf('id="call-1"')).toBeLessThan(section.indexOf('id="call-2" data-operation="createMeeting"'));
    expect(section).toContain(`<tr class="call failed" id="call-1" data-operation="addParticipant" data-resultcode="0" data-rule="${rule.id}">`);
    expect(section).toContain(`<code class="rule">${rule.id}</code> (${rule.level}): ${rule.title}`);
    expect(section).toContain(`<code>puid</code> = <code class="sent">${'p'.repeat(51)}</code> (51 characters)`);
    expect(section).toContain('<code class="bound">maxLength 50</code>');
    expect(section).toContain('<code>hostid</code> = <code>h&lt;1&gt;</code>');
    expect(section).toContain('<time datetime="2026-12-07T04:00:00.001Z">2026-12-07 04:00:00.001</time>');
    expect(section).toContain('1.2 ms');
  });

  it('says when there is no call yet, and shows nothing when the inspector is off', () => {
    expect(renderCallsSection([]).value).toContain('No API call yet.');
    expect(renderCallsSection(undefined).value).toBe('');
  });

  it('says a dropped call got no answer', () => {
    const section = renderCallsSection([{ ...ok, status: 0, answer: {} }]).value;
    expect(section).toContain('<tr class="call failed"');
    expect(section).toContain('No answer: the connection was dropped.');
    expect(section).not.toContain('<code class="answer">');
  });

  it('shows a rule id the spec does not know without a title', () => {
    const section = renderCallsSection([{ ...failed, failure: { error: 'meeting_not_found', rule: 'no.such-rule' } }]).value;
    expect(section).toContain('<code class="rule">no.such-rule</code></dd>');
  });
});
