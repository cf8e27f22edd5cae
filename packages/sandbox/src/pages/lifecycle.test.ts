import { getEnum, getRule } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import { allowedTransitions, coveringWalk, describeStatus, isFinal, knownActions, transitions, type EntryKind } from './lifecycle.js';

const machines: Array<[EntryKind, string, string]> = [
  ['host', 'lifecycle.meeting', 'MeetingStatus'],
  ['participant', 'lifecycle.participant', 'ParticipantStatus'],
];

describe.each(machines)('%s lifecycle', (kind, ruleId, enumName) => {
  const ruleTransitions = getRule(ruleId).data?.transitions as Array<{ from: string; to: string; action: string }>;
  const statuses = getEnum(enumName);

  it('has the transitions of the spec rule, every status a value of the enum', () => {
    expect(transitions(kind)).toEqual(ruleTransitions);
    const values = statuses.map((s) => s.value);
    for (const t of transitions(kind)) {
      expect(values).toContain(t.from);
      expect(values).toContain(t.to);
    }
  });

  it.each(statuses.map((s) => s.value))('from status %s allows exactly the rule transitions leaving it', (status) => {
    const expected = ruleTransitions.filter((t) => t.from === status).map((t) => t.action);
    expect(allowedTransitions(kind, status).map((t) => t.action)).toEqual(expected);
    expect(isFinal(kind, status)).toBe(expected.length === 0);
  });

  it('knows each action once', () => {
    const actions = knownActions(kind);
    expect(new Set(actions).size).toBe(actions.length);
    expect(actions.sort()).toEqual([...new Set(ruleTransitions.map((t) => t.action))].sort());
  });

  it('describes each status with the enum name and meaning, and an unknown one as unknown', () => {
    for (const s of statuses) expect(describeStatus(kind, s.value)).toEqual(s);
    expect(describeStatus(kind, '99')).toEqual({ value: '99', name: 'unknown', description: 'Unknown status' });
  });
});

it('has a final meeting status and none for participants', () => {
  expect(getEnum('MeetingStatus').filter((s) => isFinal('host', s.value)).map((s) => s.value)).toEqual(['12']);
  expect(getEnum('ParticipantStatus').filter((s) => isFinal('participant', s.value))).toEqual([]);
});

describe.each(machines)('coveringWalk(%s)', (kind) => {
  it('starts at the initial status, chains, takes every transition and ends in a final status only at the end', () => {
    const walk = coveringWalk(kind);
    const initial = kind === 'host' ? getRule('createMeeting.initial-status') : getRule('addParticipant.initial-status');
    expect(walk[0]?.from).toBe(initial.data?.status);
    walk.slice(1).forEach((step, i) => expect(step.from).toBe(walk[i]?.to));
    expect(new Set(walk)).toEqual(new Set(transitions(kind)));
    walk.slice(0, -1).forEach((step) => expect(isFinal(kind, step.to)).toBe(false));
  });
});
