import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { operationSpecs } from './generated/spec-data.js';
import { encodeInput, type FieldRule } from './validate.js';

const fieldsOf = (op: keyof typeof operationSpecs) => operationSpecs[op].fields as Readonly<Record<string, FieldRule>>;
const encode = (op: keyof typeof operationSpecs, input: unknown) => encodeInput(op, fieldsOf(op), input);
const form = (op: keyof typeof operationSpecs, input: unknown) => Object.fromEntries(new URLSearchParams(encode(op, input)));
const emoji = (n: number) => '🙂'.repeat(n);

describe('encodeInput: accepted inputs and their form encoding', () => {
  it.each([
    ['an empty createMeeting key', { meetingKey: '', hostid: '123' }, { meetingKey: '', hostid: '123' }],
    ['a Date as UTC yyyy-MM-dd HH:mm:ss', { meetingKey: 'k', hostid: '1', time: new Date(Date.UTC(2026, 11, 1, 9, 30, 5, 999)) }, { meetingKey: 'k', hostid: '1', time: '2026-12-01 09:30:05' }],
    ['a valid time string', { meetingKey: 'k', hostid: '1', time: '2028-02-29 23:59:59' }, { meetingKey: 'k', hostid: '1', time: '2028-02-29 23:59:59' }],
    ['an integer duration', { meetingKey: 'k', hostid: '1', duration: 45 }, { meetingKey: 'k', hostid: '1', duration: '45' }],
    ['a fractional duration', { meetingKey: 'k', hostid: '1', duration: 1 / 3 }, { meetingKey: 'k', hostid: '1', duration: '0.333333' }],
    ['a tiny but positive duration', { meetingKey: 'k', hostid: '1', duration: 0.000001 }, { meetingKey: 'k', hostid: '1', duration: '0.000001' }],
    ['the maximum duration', { meetingKey: 'k', hostid: '1', duration: '10080' }, { meetingKey: 'k', hostid: '1', duration: '10080' }],
    ['50 astral code points (100 UTF-16 units)', { meetingKey: 'k', hostid: emoji(50) }, { meetingKey: 'k', hostid: emoji(50) }],
    ['omitted optionals (undefined and null)', { meetingKey: 'k', hostid: '1', title: undefined, lang: null }, { meetingKey: 'k', hostid: '1' }],
  ])('%s', (_, input, expected) => {
    expect(form('createMeeting', input)).toStrictEqual(expected);
  });

  it('encodes in the spec order and never sends "undefined"', () => {
    const body = encode('addParticipant', { email: 'a@b.c', puid: 'p 1', meetingKey: 'k&=', nickname: undefined });
    expect(body).toBe('meetingKey=k%26%3D&puid=p%201&email=a%40b.c');
  });
});

describe('encodeInput: refused inputs name the parameter', () => {
  it.each([
    ['createMeeting', { meetingKey: '' }, 'hostid', 'is required'],
    ['createMeeting', { hostid: '1' }, 'meetingKey', 'is required'],
    ['getMeetingUrl', { meetingKey: '' }, 'meetingKey', 'must not be empty'],
    ['getMeetingUrl', { meetingKey: 'a'.repeat(65) }, 'meetingKey', 'at most 64'],
    ['getMeetingUrl', { meetingKey: 'a\u0007b' }, 'meetingKey', 'wrong format'],
    ['addParticipant', { meetingKey: 'k', puid: emoji(51) }, 'puid', 'at most 50'],
    ['addParticipant', { meetingKey: 'k', puid: 456 }, 'puid', 'must be a string'],
    ['addParticipant', { meetingKey: 'k', puid: 'a\uD800b' }, 'puid', 'not valid Unicode'],
    ['addParticipant', { meetingKey: 'k', puid: '1', nickname: 'n'.repeat(101) }, 'nickname', 'at most 100'],
    ['addParticipant', { meetingKey: 'k', puid: '1', nick: 'Ann' }, 'nick', 'not a parameter'],
    ['createMeeting', { meetingKey: 'k', hostid: '1', time: new Date(Number.NaN) }, 'time', 'yyyy-MM-dd HH:mm:ss'],
    ['createMeeting', { meetingKey: 'k', hostid: '1', time: new Date(Date.UTC(10000, 0, 1)) }, 'time', 'yyyy-MM-dd HH:mm:ss'],
    ['createMeeting', { meetingKey: 'k', hostid: '1', time: '2026-02-30 10:00:00' }, 'time', 'calendar'],
    ['createMeeting', { meetingKey: 'k', hostid: '1', time: '2100-02-29 10:00:00' }, 'time', 'calendar'],
    ['createMeeting', { meetingKey: 'k', hostid: '1', time: '2026-12-01T09:30:00Z' }, 'time', 'yyyy-MM-dd HH:mm:ss'],
    ['createMeeting', { meetingKey: 'k', hostid: '1', time: 1700000000 }, 'time', 'Date or a string'],
    ['createMeeting', { meetingKey: 'k', hostid: '1', duration: 0 }, 'duration', 'greater than 0'],
    ['createMeeting', { meetingKey: 'k', hostid: '1', duration: 0.0000001 }, 'duration', 'greater than 0'],
    ['createMeeting', { meetingKey: 'k', hostid: '1', duration: -5 }, 'duration', 'decimal number'],
    ['createMeeting', { meetingKey: 'k', hostid: '1', duration: 10080.5 }, 'duration', 'at most 10080'],
    ['createMeeting', { meetingKey: 'k', hostid: '1', duration: Number.NaN }, 'duration', 'decimal number'],
    ['createMeeting', { meetingKey: 'k', hostid: '1', duration: '1e3' }, 'duration', 'decimal number'],
    ['createMeeting', { meetingKey: 'k', hostid: '1', duration: true }, 'duration', 'number or a string'],
  ] as const)('%s %j: %s', (op, input, param, why) => {
    const error = (() => {
      try {
        encode(op, input);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ operation: op, param, code: 'invalid_parameter', resultcode: undefined });
    expect((error as Error).message).toContain(`${op}: ${param} `);
    expect((error as Error).message).toContain(why);
  });

  it('refuses a non-object input', () => {
    expect(() => encode('getMeetingUrl', 'abc')).toThrow(ValidationError);
  });
});
