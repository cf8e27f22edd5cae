import { describe, expect, it } from 'vitest';
import { parseReport, scrub } from './results.js';

// The shape pact-core 20 resolves or rejects with (pactffi_verifier_json).
const report = {
  result: false,
  output: ['\u001b[1m$.meetingUrl\u001b[0m -> Expected x', 'token s3cret'],
  interactionResults: [
    { consumer: 'c', description: 'ok one', providerStates: ['a'], result: 'Success' },
    {
      consumer: 'c',
      description: 'bad one',
      providerStates: [],
      result: 'Error',
      mismatch: {
        type: 'mismatches',
        mismatches: [{ type: 'BodyMismatch', path: '$.resultcode', expected: '0', actual: '1', mismatch: 'Expected 1 to be equal to 0 (s3cret)' }],
      },
    },
    { consumer: 'c', description: 'no answer', result: 'Error', mismatch: { type: 'error', message: 'connection refused' } },
  ],
};

describe('parseReport', () => {
  const parsed = parseReport(JSON.stringify(report), ['s3cret']);

  it('keeps one entry per interaction with its outcome', () => {
    expect(parsed.ok).toBe(false);
    expect(parsed.interactions.map((i) => [i.description, i.ok])).toEqual([
      ['ok one', true],
      ['bad one', false],
      ['no answer', false],
    ]);
  });

  it('names each mismatch with its path and parsed values', () => {
    expect(parsed.interactions[1]?.mismatches).toEqual([
      { type: 'BodyMismatch', path: '$.resultcode', expected: 0, actual: 1, message: 'Expected 1 to be equal to 0 (***)' },
    ]);
    expect(parsed.interactions[2]?.mismatches).toEqual([{ type: 'error', message: 'connection refused' }]);
  });

  it('removes colours and secrets from the output', () => {
    expect(parsed.output).toBe('$.meetingUrl -> Expected x\ntoken ***');
  });

  it('treats a report that is not JSON as a failure, still scrubbed', () => {
    expect(parseReport('Verification was unable to run s3cret', ['s3cret'])).toEqual({
      ok: false,
      interactions: [],
      output: 'Verification was unable to run ***',
    });
  });
});

describe('scrub', () => {
  it('replaces every occurrence and ignores empty secrets', () => {
    expect(scrub('a-b-a', ['a', ''])).toBe('***-b-***');
  });
});
