/**
 * The shared store suite's part on the dashboard's pages
 * (`listMeetingsPage`), run against every back end by describeStore.
 */
import { describe, expect, it } from 'vitest';
import type { Limits, SandboxStore } from '../src/store/types.js';

const roomy: Limits = { users: 1000, sessions: 10000 };

/**
 * Registers the paged-query tests; `fresh` opens an empty store the caller closes.
 * @example
 * describeMeetingPages(() => fresh());
 */
export function describeMeetingPages(fresh: () => Promise<SandboxStore>): void {
  describe('listMeetingsPage', () => {
    async function filled(count: number): Promise<SandboxStore> {
      const store = await fresh();
      const made = [];
      // Numbered keys, created in order (each awaited, so ids follow the numbers).
      for (let n = 1; n <= count; n += 1) {
        made.push(await store.createMeeting('AC', { meetingKey: `key-${n}`, hostId: n % 2 === 0 ? 'Even-host' : 'odd-host', title: n === 3 ? undefined : `Title ${n} é` }, roomy));
      }
      expect(made.every((m) => m.ok)).toBe(true);
      return store;
    }

    it('gives the pages newest first, the same meetings listMeetings gives, and the last page for one past it', async () => {
      const store = await filled(7);
      const all = await store.listMeetings('AC');
      const page = (n: number) => store.listMeetingsPage('AC', { search: '', page: n, perPage: 3 });
      expect(await page(1)).toEqual({ total: 7, page: 1, perPage: 3, meetings: all.slice(0, 3) });
      expect(await page(2)).toEqual({ total: 7, page: 2, perPage: 3, meetings: all.slice(3, 6) });
      expect(await page(3)).toEqual({ total: 7, page: 3, perPage: 3, meetings: all.slice(6) });
      expect(await page(99)).toEqual({ total: 7, page: 3, perPage: 3, meetings: all.slice(6) });
      expect((await page(1)).meetings.map((m) => m.meetingKey)).toEqual(['key-7', 'key-6', 'key-5']);
      expect(await store.listMeetingsPage('nobody', { search: '', page: 2, perPage: 3 })).toEqual({ total: 0, page: 1, perPage: 3, meetings: [] });
    });

    it('searches key, title and host id by exact substring: case counts, no pattern characters, cancelled meetings never match', async () => {
      const store = await filled(12);
      const keys = async (search: string) => (await store.listMeetingsPage('AC', { search, page: 1, perPage: 50 })).meetings.map((m) => m.meetingKey);
      expect(await keys('key-1')).toEqual(['key-12', 'key-11', 'key-10', 'key-1']);
      expect(await keys('Title 1')).toEqual(['key-12', 'key-11', 'key-10', 'key-1']);
      expect(await keys('Even-host')).toEqual(['key-12', 'key-10', 'key-8', 'key-6', 'key-4', 'key-2']);
      expect(await keys('even-host')).toEqual([]);
      expect(await keys('KEY-1')).toEqual([]);
      expect(await keys('é')).toHaveLength(11); // every title but key-3's (no title)
      expect(await keys('%')).toEqual([]);
      expect(await keys('_')).toEqual([]);
      expect(await keys("'")).toEqual([]);
      expect(await store.cancelMeeting('AC', 'key-10')).toMatchObject({ ok: true });
      expect(await keys('key-1')).toEqual(['key-12', 'key-11', 'key-1']);
      expect((await store.listMeetingsPage('AC', { search: 'key-1', page: 1, perPage: 2 })).total).toBe(3);
    });

    it('brings each meeting of the page its live participants in order of addition', async () => {
      const store = await filled(3);
      for (const puid of ['b', 'a', 'gone', 'c']) await store.addParticipant('AC', { meetingKey: 'key-2', puid }, roomy);
      await store.addParticipant('AC', { meetingKey: 'key-3', puid: 'z' }, roomy);
      await store.cancelParticipant('AC', 'key-2', 'gone');
      const { meetings } = await store.listMeetingsPage('AC', { search: '', page: 1, perPage: 2 });
      expect(meetings.map((m) => [m.meetingKey, m.participants.map((p) => p.puid)])).toEqual([
        ['key-3', ['z']],
        ['key-2', ['b', 'a', 'c']],
      ]);
      expect(meetings).toEqual((await store.listMeetings('AC')).slice(0, 2));
    });

    it.each([
      { page: 0, perPage: 10 },
      { page: 1.5, perPage: 10 },
      { page: 1, perPage: 0 },
    ])('refuses page %o', async (query) => {
      const store = await fresh();
      await expect(store.listMeetingsPage('AC', { search: '', ...query })).rejects.toThrow(RangeError);
    });
  });
}
