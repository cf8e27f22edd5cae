import { describe, expect, it } from 'vitest';
import { renderDashboardPage } from './dashboard-page.js';

describe('renderDashboardPage', () => {
  it('lists each meeting with its participants and statuses', () => {
    const page = renderDashboardPage('AC1', [
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
    ]);
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
    const page = renderDashboardPage('AC1', []);
    expect(page).toContain('0 live meetings');
    expect(page).not.toContain('<section class="meeting"');
  });

  it('escapes every user text', () => {
    const x = '<i>&';
    const page = renderDashboardPage(x, [
      { meetingKey: x, title: x, hostid: x, hostNickname: x, status: '1', participants: [{ puid: x, nickname: x, status: '2' }] },
    ]);
    expect(page).not.toContain('<i>');
    // account, title, key (attribute and cell), host id, host nickname, puid (attribute and cell), nickname
    expect(page.split('&lt;i&gt;&amp;').length - 1).toBe(9);
  });
});
