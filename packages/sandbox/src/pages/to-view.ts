/**
 * Store records to page views. Only what a page may show crosses over: entry
 * tokens, emails and account data stay behind.
 */
import { meetingUrl } from '../operations/urls.js';
import type { Meeting, MeetingWithParticipants, Participant } from '../store/index.js';
import type { MeetingView, MeetingWithParticipantsView, ParticipantView } from './views.js';

/**
 * A meeting as the pages show it.
 * @example
 * meetingView((await store.findMeetingByCode('03P23Z'))!).status; // '1'
 */
export function meetingView(meeting: Meeting): MeetingView {
  return {
    meetingKey: meeting.meetingKey,
    title: meeting.title,
    time: meeting.time,
    duration: meeting.duration,
    status: meeting.status,
    hostid: meeting.hostId,
    hostNickname: meeting.hostNickname,
  };
}

/**
 * A participant as the pages show it.
 * @example
 * participantView(entry.participant).puid; // 'p1'
 */
export function participantView(participant: Participant): ParticipantView {
  return { puid: participant.puid, nickname: participant.nickname, status: participant.status };
}

/**
 * A meeting with its participants and its lobby URL, for the dashboard.
 * @example
 * dashboardView((await store.listMeetings('AC1'))[0]!, 'http://127.0.0.1:4010').meetingUrl; // 'http://127.0.0.1:4010/03P23Z'
 */
export function dashboardView(meeting: MeetingWithParticipants, publicUrl: string): MeetingWithParticipantsView {
  return {
    ...meetingView(meeting),
    meetingUrl: meetingUrl(publicUrl.replace(/\/+$/, ''), meeting.code),
    participants: meeting.participants.map(participantView),
  };
}
