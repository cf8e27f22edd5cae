import { getEnum, lifecycle } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import { actionLabel, renderHostPage, renderParticipantPage } from './entry-page.js';

const meetingRule = lifecycle('meeting').transitions;
const participantRule = lifecycle('participant').transitions;
const finalMeeting = getEnum('MeetingStatus').filter((s) => !meetingRule.some((t) => t.from === s.value));
const openMeeting = getEnum('MeetingStatus').filter((s) => meetingRule.some((t) => t.from === s.value));

/** The `action` values of the page's submit buttons, in order. */
function buttons(page: string): string[] {
  return [...page.matchAll(/<button type="submit" name="action" value="([^"]*)"/g)].map((m) => m[1] ?? '');
}

const hostile = `<script>alert("x")</script>&'`;

describe('renderHostPage', () => {
  it.each(getEnum('MeetingStatus'))('in status $value ($name) offers exactly the lifecycle actions from it', (status) => {
    const page = renderHostPage({ meetingKey: 'k1', title: 'Weekly', status: status.value });
    expect(buttons(page)).toEqual(meetingRule.filter((t) => t.from === status.value).map((t) => t.action));
    expect(page).toContain(`data-status="${status.value}"`);
    expect(page).toContain(status.description);
  });

  it('puts the buttons in a form that posts to the page itself', () => {
    const page = renderHostPage({ meetingKey: 'k1', status: '1' });
    expect(page).toMatch(/<form method="post">/);
    expect(page).not.toMatch(/<form[^>]*action=/);
    expect(page).not.toContain('<script');
  });

  it('escapes the title, key and nickname', () => {
    const page = renderHostPage({ meetingKey: hostile, title: hostile, hostNickname: hostile, status: '1' });
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
  });

  it('has landmarks, a level-one heading and a status region', () => {
    const page = renderHostPage({ meetingKey: 'k', title: 'Plan', status: '8' });
    expect(page).toContain('<html lang="en">');
    expect(page).toMatch(/<main>\s*<h1>Host: Plan<\/h1>/);
    expect(page).toMatch(/<header>[\s\S]*<\/header>[\s\S]*<footer>/);
    expect(page.match(/role="status"/g)).toHaveLength(1);
  });

  it('shows a time as UTC and an untitled meeting as such', () => {
    const page = renderHostPage({ meetingKey: 'k', title: '', time: '2026-12-01 10:30:00', duration: '45', status: '1' });
    expect(page).toContain('<h1>Host: Untitled meeting</h1>');
    expect(page).toContain('<time datetime="2026-12-01T10:30:00Z">2026-12-01 10:30:00 UTC</time>');
    expect(page).toContain('45 minutes');
  });
});

describe('renderParticipantPage', () => {
  const cases = openMeeting.flatMap((meeting) =>
    getEnum('ParticipantStatus').map((participant) => ({ meeting: meeting.value, participant: participant.value })),
  );

  it.each(cases)('meeting $meeting, participant $participant: the lifecycle actions from the participant status', (c) => {
    const page = renderParticipantPage({ meetingKey: 'k', status: c.meeting }, { puid: 'p1', status: c.participant });
    expect(buttons(page)).toEqual(participantRule.filter((t) => t.from === c.participant).map((t) => t.action));
    expect(page).toContain(`id="participant-status" role="status" data-status="${c.participant}"`);
    expect(page).toContain(`id="meeting-status" data-status="${c.meeting}"`);
  });

  it.each(finalMeeting)('offers nothing once the meeting is $name', (meeting) => {
    for (const participant of getEnum('ParticipantStatus')) {
      const page = renderParticipantPage({ meetingKey: 'k', status: meeting.value }, { puid: 'p', status: participant.value });
      expect(buttons(page)).toEqual([]);
      expect(page).toContain('the meeting is over');
    }
  });

  it('greets by nickname, else by puid, escaped', () => {
    const named = renderParticipantPage({ meetingKey: 'k', status: '1' }, { puid: 'p', nickname: hostile, status: '2' });
    expect(named).toContain('<strong>&lt;script&gt;');
    expect(named).not.toContain('<script>alert');
    const unnamed = renderParticipantPage({ meetingKey: 'k', status: '1' }, { puid: 'u<1>', status: '2' });
    expect(unnamed).toContain('<strong>u&lt;1&gt;</strong>');
  });

  it('does not show the meeting key to a participant', () => {
    const page = renderParticipantPage({ meetingKey: 'secret-key-42', status: '1' }, { puid: 'p', status: '2' });
    expect(page).not.toContain('secret-key-42');
  });
});

describe('button labels', () => {
  it.each([
    ['host', 'start', undefined, 'Start the meeting'],
    ['host', 'start', '11', 'Return to the meeting'],
    ['host', 'end', '8', 'End the meeting'],
    ['participant', 'join', '2', 'Join the meeting'],
    ['participant', 'join', '11', 'Rejoin the meeting'],
    ['participant', 'dance', undefined, 'dance'],
  ] as const)('%s %s from %s is %j', (kind, action, from, label) => {
    expect(actionLabel(kind, action, from)).toBe(label);
  });

  it('labels each button of a page by its own transition', () => {
    const back = meetingRule.find((t) => t.action === 'start' && t.from !== lifecycle('meeting').initial)!;
    expect(renderHostPage({ meetingKey: 'k', status: back.from })).toContain('>Return to the meeting</button>');
  });
});
