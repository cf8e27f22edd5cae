import { describe, expect, it } from 'vitest';
import { BudgetExhaustedError, RequestGate, RunAbortedError } from './gate.js';

describe('RequestGate', () => {
  it('refuses the request past the budget', async () => {
    const gate = new RequestGate({ maxRequests: 2, rate: null });
    await gate.acquire();
    await gate.acquire();
    await expect(gate.acquire()).rejects.toBeInstanceOf(BudgetExhaustedError);
    expect(gate.sent).toBe(2);
  });

  it('keeps the reserve for cleanup requests', async () => {
    let reserved = 1;
    const gate = new RequestGate({ maxRequests: 2, rate: null, reserved: () => reserved });
    await gate.acquire();
    await expect(gate.acquire()).rejects.toBeInstanceOf(BudgetExhaustedError);
    await gate.acquire({ cleanup: true });
    reserved = 0;
    expect(gate.sent).toBe(2);
  });

  it('counts the cancellation a createMeeting will need', async () => {
    const gate = new RequestGate({ maxRequests: 1, rate: null });
    await expect(gate.acquire({ reserve: 1 })).rejects.toBeInstanceOf(BudgetExhaustedError);
  });

  it('spaces requests by the rate', async () => {
    const gate = new RequestGate({ maxRequests: 10, rate: 20 });
    const started = Date.now();
    for (let i = 0; i < 4; i += 1) await gate.acquire();
    // 4 requests at 20/s: the 4th waits for 3 intervals of 50 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('stops on the abort signal, but lets cleanup through', async () => {
    const controller = new AbortController();
    const gate = new RequestGate({ maxRequests: 10, rate: null, signal: controller.signal });
    controller.abort();
    await expect(gate.acquire()).rejects.toBeInstanceOf(RunAbortedError);
    await gate.acquire({ cleanup: true });
    expect(gate.sent).toBe(1);
  });
});
