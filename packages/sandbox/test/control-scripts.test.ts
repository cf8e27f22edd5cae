/**
 * The README's PHP (php-cli + curl) and Python (standard library) examples run
 * an application's scenario against a real sandbox through the control API:
 * a fresh account, create, add, start, join, leave, end, both statuses read
 * through the API at each step, a refused move, and an error path through a
 * test trigger. The expected statuses come from the spec's lifecycles.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { controlErrors, lifecycle, testTriggers } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import { formatRequestLog } from '../src/index.js';
import { SID, startTestSandbox, TOKEN } from './helpers.js';

const run = promisify(execFile);
const sandbox = await startTestSandbox();
const meeting = lifecycle('meeting');
const participant = lifecycle('participant');

/** What the scenario must print, step by step, as the spec's lifecycles say. */
function expectedLines(): unknown[] {
  let m = meeting.initial;
  let p = participant.initial;
  const lines: unknown[] = [{ step: 'created', meeting: m, participant: p }];
  const moves: Array<[string, 'meeting' | 'participant', string]> = [
    ['host starts', 'meeting', 'start'],
    ['participant joins', 'participant', 'join'],
    ['participant leaves', 'participant', 'leave'],
    ['host ends', 'meeting', 'end'],
  ];
  for (const [step, kind, action] of moves) {
    if (kind === 'meeting') m = meeting.next(m, action)!;
    else p = participant.next(p, action)!;
    if (meeting.final.includes(m) && participant.onMeetingEnd?.from === p) p = participant.onMeetingEnd.to;
    lines.push({ step, meeting: m, participant: p });
  }
  expect(meeting.next(m, 'start')).toBeUndefined();
  lines.push({ step: 'refused move', http: controlErrors().find((e) => e.code === 'action_not_allowed')!.httpStatus, error: 'action_not_allowed' });
  const trigger = testTriggers().find((t) => t.operation === 'getMeetingStatus' && t.value === 'lm_test_meeting_not_found')!;
  lines.push({ step: 'trigger', resultcode: 0, error: 'error' in trigger.effect ? trigger.effect.error : undefined });
  return lines;
}

describe.each([
  ['PHP', 'php', 'control-scenario.php'],
  ['Python', 'python3', 'control-scenario.py'],
])('the %s example', (_language, command, file) => {
  it('runs the scenario through the control API and sees every status the lifecycles give', async () => {
    const script = fileURLToPath(new URL(`../examples/${file}`, import.meta.url));
    const env = { ...process.env, LM_BASE_URL: sandbox.url, LM_ACCOUNT_SID: SID, LM_AUTH_TOKEN: TOKEN };
    const { stdout } = await run(command, [script], { env, timeout: 60_000 });
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual(expectedLines());
    expect(sandbox.logs.map(formatRequestLog).join('\n')).not.toContain(TOKEN);
  });
});
