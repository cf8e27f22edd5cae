import { getEnum, lifecycle } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import { coveringWalk, describeStatus, entryLifecycle, isFinal, type EntryKind } from './entry-actions.js';

const machines: Array<[EntryKind, 'meeting' | 'participant', string]> = [
  ['host', 'meeting', 'MeetingStatus'],
  ['participant', 'participant', 'ParticipantStatus'],
];

describe.each(machines)('%s pages', (kind, model, enumName) => {
  const statuses = getEnum(enumName);

  it(`act on the spec's ${model} lifecycle`, () => {
    expect(entryLifecycle(kind)).toBe(lifecycle(model));
  });

  it.each(statuses.map((s) => s.value))('call status %s final exactly when no transition leaves it', (status) => {
    expect(isFinal(kind, status)).toBe(!lifecycle(model).transitions.some((t) => t.from === status));
  });

  it('describe each status with the enum name and meaning, and an unknown one as unknown (and final)', () => {
    for (const s of statuses) expect(describeStatus(kind, s.value)).toEqual(s);
    expect(describeStatus(kind, '99')).toEqual({ value: '99', name: 'unknown', description: 'Unknown status' });
    expect(isFinal(kind, '99')).toBe(true);
  });

  it('walk from the initial status through every transition, into a final status only at the end', () => {
    const walk = coveringWalk(kind);
    expect(walk[0]?.from).toBe(lifecycle(model).initial);
    walk.slice(1).forEach((step, i) => expect(step.from).toBe(walk[i]?.to));
    expect(new Set(walk)).toEqual(new Set(lifecycle(model).transitions));
    walk.slice(0, -1).forEach((step) => expect(isFinal(kind, step.to)).toBe(false));
  });
});

it('has a final meeting status and none for participants', () => {
  expect(getEnum('MeetingStatus').filter((s) => isFinal('host', s.value)).map((s) => s.value)).toEqual(['12']);
  expect(getEnum('ParticipantStatus').filter((s) => isFinal('participant', s.value))).toEqual([]);
});
