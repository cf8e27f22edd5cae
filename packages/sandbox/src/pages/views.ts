/**
 * What the pages render, independent of how the store keeps it: plain view
 * objects that the request handler builds from store records.
 */

/** A meeting as the pages show it. */
export interface MeetingView {
  readonly meetingKey: string;
  readonly title?: string | null;
  /** `yyyy-MM-dd HH:mm:ss`, read as UTC. */
  readonly time?: string | null;
  /** Minutes. */
  readonly duration?: number | string | null;
  /** A MeetingStatus value. */
  readonly status: string;
  readonly hostid?: string | null;
  readonly hostNickname?: string | null;
}

/** A participant as the pages show it. */
export interface ParticipantView {
  readonly puid: string;
  readonly nickname?: string | null;
  /** A ParticipantStatus value. */
  readonly status: string;
}

/** A meeting with its live participants, for the dashboard. */
export interface MeetingWithParticipantsView extends MeetingView {
  readonly meetingUrl?: string | null;
  readonly participants: readonly ParticipantView[];
}
