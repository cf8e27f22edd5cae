import { getOperation, operationIds } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryable, sleep } from './retry.js';
import { operationSpecs } from './generated/spec-data.js';

describe('isRetryable follows x-liveminutes-retry', () => {
  it.each(operationIds())('%s', (id) => {
    const policy = getOperation(id).retry;
    expect(operationSpecs[id as keyof typeof operationSpecs].retry).toBe(policy);
    expect(isRetryable(policy, { meetingKey: 'k' })).toBe(policy !== 'never');
    expect(isRetryable(policy, { meetingKey: '' })).toBe(policy === 'always');
  });
});

describe('backoffDelay', () => {
  it.each([0, 1, 2, 3, 10])('retry %i stays within [half, full] of the capped exponential', (retry) => {
    const full = Math.min(2000, 100 * 2 ** retry);
    for (let i = 0; i < 50; i++) {
      const delay = backoffDelay(retry);
      expect(delay).toBeGreaterThanOrEqual(full / 2);
      expect(delay).toBeLessThan(full);
    }
  });

  it('is jittered', () => {
    expect(new Set(Array.from({ length: 20 }, () => backoffDelay(3))).size).toBeGreaterThan(1);
  });
});

describe('sleep', () => {
  it('rejects with the reason when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
