import { describe, expect, it } from 'vitest';
import { getRule } from '@org/liveminutes-spec';
import { actionPath, initialStatus, lifecycleTransitions } from './lifecycle.js';

describe('lifecycle paths from the spec', () => {
  it('reads the transitions of both lifecycle rules', () => {
    expect(lifecycleTransitions('meeting')).toEqual(getRule('lifecycle.meeting').data?.transitions);
    expect(lifecycleTransitions('participant').length).toBeGreaterThan(0);
  });

  it.each([
    ['meeting', '1', '8', ['start']],
    ['meeting', '1', '12', ['start', 'end']],
    ['meeting', '1', '11', ['start', 'leave']],
    ['meeting', '11', '12', ['start', 'end']],
    ['participant', '2', '10', ['join']],
    ['participant', '3', '10', ['accept', 'join']],
    ['participant', '2', '11', ['join', 'leave']],
    ['meeting', '8', '8', []],
  ] as const)('%s from %s to %s: %j', (kind, from, to, path) => {
    expect(actionPath(kind, from, to)).toEqual(path);
  });

  it('refuses a status the lifecycle cannot reach', () => {
    expect(() => actionPath('meeting', '12', '1')).toThrow(/no path from status 12 to 1/);
  });

  it('reads the initial statuses from their rules', () => {
    expect(initialStatus('meeting')).toBe(getRule('createMeeting.initial-status').data?.status);
    expect(initialStatus('participant')).toBe(getRule('addParticipant.initial-status').data?.status);
  });
});
