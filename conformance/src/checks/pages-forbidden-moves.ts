/**
 * Forbidden lifecycle moves: on the entry pages, every (status, action) pair
 * that the lifecycle rule does not list leaves the status where it was (not
 * only the allowed moves are tried). Statuses, actions and transitions come
 * from the spec's model (lifecycle()).
 */
import { lifecycle, type LifecycleKind } from '@org/liveminutes-spec';
import type { CheckContext } from '../run/context.js';
import type { Check } from '../types.js';
import { act, reach, statusOf } from './pages.js';
import { addParticipant, createMeeting, defineCheck } from './support.js';

/**
 * For each status of the lifecycle, the actions it has no transition for.
 * @example
 * forbiddenMoves('meeting').get('1'); // every action but the one that starts the meeting
 */
function forbiddenMoves(kind: LifecycleKind): Map<string, string[]> {
  const { statuses, actions, next } = lifecycle(kind);
  return new Map(statuses.map(({ value }) => [value, actions.filter((action) => next(value, action) === undefined)]));
}

async function tryForbidden(context: CheckContext, kind: LifecycleKind): Promise<void> {
  for (const [status, actions] of forbiddenMoves(kind)) {
    if (actions.length === 0) continue;
    const meeting = await createMeeting(context);
    const participant = kind === 'participant' ? await addParticipant(context, meeting.meetingKey) : undefined;
    await reach(context, kind, meeting, participant, status);
    const entryUrl = participant ? participant.participantUrl : meeting.hostUrl;
    for (const action of actions) {
      await act(context, entryUrl, action);
      const now = await statusOf(context, meeting, participant);
      // Once moved, the rest of this status's pairs would start elsewhere: the next status gets a fresh meeting.
      if (!context.expect(now === status, `${kind} status ${status}: action=${action}, which lifecycle.${kind} does not allow there, moved it to ${now}`)) break;
    }
  }
}

/** The forbidden-move checks. */
export const forbiddenMoveChecks: Check[] = (['meeting', 'participant'] as const).map((kind) =>
  defineCheck({
    id: `pages.${kind}-forbidden-moves`,
    rule: `lifecycle.${kind}`,
    needs: ['entry-pages'],
    title: `refuse every ${kind} (status, action) pair that the lifecycle rule does not list, leaving the status unchanged`,
    run: (context) => tryForbidden(context, kind),
  }),
);
