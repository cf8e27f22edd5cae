/**
 * Every meeting the run may have created, so that it can cancel them all: after
 * each check, at the end of the run, after a failure and after Ctrl-C. A key is
 * recorded before its createMeeting is sent (the answer may be lost), and
 * confirmed once the server says resultcode 1.
 */
import type { Account } from '../http/api.js';

/** A meeting the run may have to cancel. */
export interface TrackedMeeting {
  readonly account: Account;
  readonly meetingKey: string;
  /** The check that created it, or `fixture` for meetings shared by several checks. */
  readonly owner: string;
  /** True once a createMeeting answered resultcode 1 for it. */
  confirmed: boolean;
}

/**
 * @example
 * const tracker = new MeetingTracker();
 * tracker.expect(account, 'lmc-x-m1', 'lifecycle.cancel-meeting-gone');
 * tracker.size; // 1
 */
export class MeetingTracker {
  readonly #meetings = new Map<string, TrackedMeeting>();

  /** Meetings still to cancel. */
  get size(): number {
    return this.#meetings.size;
  }

  /** Records a key about to be sent to createMeeting; true if it was not tracked yet. */
  expect(account: Account, meetingKey: string, owner: string): boolean {
    const id = trackingId(account, meetingKey);
    if (this.#meetings.has(id)) return false;
    this.#meetings.set(id, { account, meetingKey, owner, confirmed: false });
    return true;
  }

  /** The server created the meeting. */
  confirm(account: Account, meetingKey: string, owner: string): void {
    const id = trackingId(account, meetingKey);
    const known = this.#meetings.get(id);
    if (known) known.confirmed = true;
    else this.#meetings.set(id, { account, meetingKey, owner, confirmed: true });
  }

  /** The meeting is gone (cancelled, or its creation failed). */
  forget(account: Account, meetingKey: string): void {
    this.#meetings.delete(trackingId(account, meetingKey));
  }

  /** The meetings of one owner, or all of them. */
  list(owner?: string): TrackedMeeting[] {
    return [...this.#meetings.values()].filter((meeting) => owner === undefined || meeting.owner === owner);
  }
}

function trackingId(account: Account, meetingKey: string): string {
  return `${account.accountSid}\u0000${meetingKey}`;
}
