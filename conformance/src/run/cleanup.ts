/**
 * Cancels the meetings a run created: those of one check right after it, and
 * all that remain at the end (also after a failure or an interrupt). Cleanup
 * requests use the budget's reserve and ignore the abort signal.
 */
import type { Api } from '../http/api.js';
import type { MeetingTracker } from './tracker.js';

/** What a cleanup achieved. */
export interface CleanupResult {
  cancelled: number;
  /** Keys of meetings the server may still hold. */
  readonly leftover: string[];
}

/**
 * Cancels the tracked meetings of `owner` (all when undefined) through `api`.
 * @example
 * const result = await cancelTracked(api, tracker);
 * result.leftover; // []
 */
export async function cancelTracked(api: Api, tracker: MeetingTracker, owner?: string, result: CleanupResult = { cancelled: 0, leftover: [] }): Promise<CleanupResult> {
  for (const meeting of tracker.list(owner)) {
    try {
      const answer = await api.call('cancelMeeting', { meetingKey: meeting.meetingKey }, { auth: meeting.account, cleanup: true });
      const json = answer.json as { resultcode?: unknown; error?: unknown } | undefined;
      if (json?.resultcode === 1) {
        result.cancelled += 1;
      } else if (meeting.confirmed && json?.error !== 'meeting_not_found') {
        result.leftover.push(meeting.meetingKey);
      }
    } catch {
      if (meeting.confirmed) result.leftover.push(meeting.meetingKey);
    }
    tracker.forget(meeting.account, meeting.meetingKey);
  }
  return result;
}
