import { describe, expect, it } from 'vitest';
import { PARTICIPANTS_SHOWN, renderDashboardPage } from './dashboard-page.js';

describe('renderDashboardPage', () => {
  it('lists each meeting with its participants and statuses', () => {
    const page = renderDashboardPage({ accountSid: 'AC1', meetings: [
      {
        meetingKey: 'k1',
        title: 'One',
        hostid: 'h1',
        status: '8',
        meetingUrl: 'http://127.0.0.1:1/ABC123',
        participants: [
          { puid: 'p1', nickname: 'Ann', status: '10' },
          { puid: 'p2', status: '3' },
        ],
      },
      { meetingKey: 'k2', title: 'Two', status: '12', participants: [] },
    ] });
    expect(page).toContain('data-count="2">2 live meetings</span>');
    expect(page).toContain('data-meeting-key="k1"');
    expect(page).toContain('data-meeting-key="k2"');
    expect(page).toContain('<tr data-puid="p1" data-status="10"><td>p1</td><td>Ann</td><td>inProgress (10)</td></tr>');
    expect(page).toContain('<tr data-puid="p2" data-status="3"><td>p2</td><td></td><td>refuse (3)</td></tr>');
    expect(page).toContain('id="meeting-1-status" data-status="8"');
    expect(page).toContain('id="meeting-2-status" data-status="12"');
    expect(page).toContain('<a href="http://127.0.0.1:1/ABC123">');
    expect(page).not.toContain('role="status"');
  });

  it('says when there is no meeting', () => {
    const page = renderDashboardPage({ accountSid: 'AC1', meetings: [] });
    expect(page).toContain('0 live meetings');
    expect(page).not.toContain('<section class="meeting"');
  });

  it('escapes every user text', () => {
    const x = '<i>&';
    const page = renderDashboardPage({
      accountSid: x,
      meetings: [{ meetingKey: x, title: x, hostid: x, hostNickname: x, status: '1', participants: [{ puid: x, nickname: x, status: '2' }] }],
    });
    expect(page).not.toContain('<i>');
    // account, title, key (attribute and cell), host id, host nickname, puid (attribute and cell), nickname
    expect(page.split('&lt;i&gt;&amp;').length - 1).toBe(9);
  });
});

describe('renderDashboardPage in pages', () => {
  const meetings = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({ meetingKey: `k${from + i}`, status: '1', participants: [] }));

  it('numbers the meetings of a later page after those before it, and links to the others', () => {
    const page = renderDashboardPage({ accountSid: 'AC1', meetings: meetings(51, 50), total: 120, query: { page: 2, q: '' } });
    expect(page).toContain('data-count="120">120 live meetings</span>');
    expect(page).toContain('id="meeting-51"');
    expect(page).not.toContain('id="meeting-1"');
    expect(page).toContain('data-first="51" data-last="100">Showing 51 to 100, newest first.');
    expect(page).toContain('data-page="2" data-pages="3" aria-current="page">Page 2 of 3</span>');
    expect(page).toContain('<a href="?page=3" rel="next">Next</a>');
    expect(page).toContain('<a href="?" rel="prev">Previous</a>');
  });

  it('keeps the search in every page link and says how many match', () => {
    const page = renderDashboardPage({ accountSid: 'AC1', meetings: meetings(1, 50), total: 51, query: { page: 1, q: 'a&b "c"' } });
    expect(page).toContain('51 meetings match “a&amp;b &quot;c&quot;”');
    expect(page).toContain('<a href="?page=2&amp;q=a%26b+%22c%22" rel="next">Next</a>');
    expect(page).toContain('value="a&amp;b &quot;c&quot;"');
  });

  it('offers all meetings when a search matches none, and no pager for one page', () => {
    const page = renderDashboardPage({ accountSid: 'AC1', meetings: [], total: 0, query: { page: 1, q: 'zzz' } });
    expect(page).toContain('0 meetings match');
    expect(page).toContain('<a href="?">Show all meetings</a>');
    expect(page).not.toContain('class="pager"');
  });
});

describe('renderDashboardPage with a crowded meeting', () => {
  it(`lists the first ${PARTICIPANTS_SHOWN} participants and says how many more there are`, () => {
    const participants = Array.from({ length: PARTICIPANTS_SHOWN + 3 }, (_, i) => ({ puid: `p${i}`, status: '2' }));
    const page = renderDashboardPage({ accountSid: 'AC1', meetings: [{ meetingKey: 'k', status: '1', participants }] });
    expect(page.match(/<tr data-puid=/g)).toHaveLength(PARTICIPANTS_SHOWN);
    expect(page).toContain(`data-puid="p${PARTICIPANTS_SHOWN - 1}"`);
    expect(page).not.toContain(`data-puid="p${PARTICIPANTS_SHOWN}"`);
    expect(page).toContain('data-hidden="3">And 3 more participants');
    const exact = renderDashboardPage({ accountSid: 'AC1', meetings: [{ meetingKey: 'k', status: '1', participants: participants.slice(0, PARTICIPANTS_SHOWN) }] });
    expect(exact).not.toContain('class="more"');
  });
});
