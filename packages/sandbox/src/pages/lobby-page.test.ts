import { getEnum } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import { renderLobbyPage } from './lobby-page.js';

describe('renderLobbyPage', () => {
  it.each(getEnum('MeetingStatus'))('shows status $value with its name and meaning, and no button', (status) => {
    const page = renderLobbyPage({ meetingKey: 'k', title: 'Weekly', time: '2026-01-02 03:04:05', status: status.value }, 3);
    expect(page).toContain(`<strong>${status.name}</strong> (status ${status.value}): ${status.description}`);
    expect(page).toContain('<h1>Weekly</h1>');
    expect(page).toContain('2026-01-02 03:04:05 UTC');
    expect(page).not.toContain('<button');
    expect(page).not.toContain('<form');
  });

  it.each([
    [0, '0 participants'],
    [1, '1 participant'],
    [7, '7 participants'],
  ])('counts %i participants as %j', (count, text) => {
    expect(renderLobbyPage({ meetingKey: 'k', status: '1' }, count)).toContain(`data-count="${count}">${text}</dd>`);
  });

  it('escapes the title and does not show the key', () => {
    const page = renderLobbyPage({ meetingKey: 'private-key', title: '"><svg onload=alert(1)>', status: '1' }, 0);
    expect(page).toContain('<h1>&quot;&gt;&lt;svg onload=alert(1)&gt;</h1>');
    expect(page).not.toContain('<svg');
    expect(page).not.toContain('private-key');
  });
});
