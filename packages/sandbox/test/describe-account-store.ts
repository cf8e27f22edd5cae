/**
 * The shared store suite's part for the control API (see describe-store.ts):
 * stored accounts and an account reset, on every back end, through the
 * {@link SandboxStore} interface only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Limits, SandboxStore } from '../src/store/types.js';

const roomy: Limits = { users: 1000, sessions: 10000 };

/**
 * Registers the account tests for one back end.
 * @example
 * describeAccountStore('sqlite :memory:', () => createStore({ db: ':memory:' }));
 */
export function describeAccountStore(name: string, open: () => Promise<SandboxStore>): void {
  describe(`store accounts: ${name}`, () => {
    const opened: SandboxStore[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });
    const fresh = async () => {
      const store = await open();
      opened.push(store);
      return store;
    };

    it('stores an account once, by AccountSid, with its token digest and quotas', async () => {
      const store = await fresh();
      const account = { accountSid: 'lmt-one', tokenDigest: 'ab'.repeat(32), limits: { users: 3, sessions: 2 } };
      expect(await store.findAccount('lmt-one')).toBeUndefined();
      expect(await store.addAccount(account)).toBe(true);
      expect(await store.addAccount({ ...account, tokenDigest: 'cd'.repeat(32) })).toBe(false);
      expect(await store.findAccount('lmt-one')).toEqual(account);
      expect(await store.findAccount('LMT-ONE')).toBeUndefined();
    });

    it('resets one account: its meetings, cancelled ones too, participants and quota use are gone; others stay', async () => {
      const store = await fresh();
      for (const [sid, key] of [['A', 'k1'], ['A', 'k2'], ['B', 'k1']] as const) {
        expect((await store.createMeeting(sid, { meetingKey: key, hostId: `h-${key}` }, roomy)).ok).toBe(true);
        expect((await store.addParticipant(sid, { meetingKey: key, puid: 'p' }, roomy)).ok).toBe(true);
      }
      await store.cancelMeeting('A', 'k2');
      const made = await store.getMeeting('A', 'k1');
      const bBefore = await store.listMeetings('B', { includeCancelled: true });
      expect(await store.resetAccount('A')).toBe(2);
      expect(await store.listMeetings('A', { includeCancelled: true })).toEqual([]);
      expect(await store.usage('A')).toEqual({ users: 0, sessions: 0 });
      expect(made.ok && (await store.findEntry(made.meeting.hostToken))).toBeUndefined();
      expect(await store.listMeetings('B', { includeCancelled: true })).toEqual(bBefore);
      expect(await store.usage('B')).toEqual({ users: 2, sessions: 1 });
      // The freed keys and quota take new meetings at once.
      expect((await store.createMeeting('A', { meetingKey: 'k1', hostId: 'h' }, { users: 1, sessions: 1 })).ok).toBe(true);
      expect(await store.resetAccount('nobody')).toBe(0);
    });
  });
}
