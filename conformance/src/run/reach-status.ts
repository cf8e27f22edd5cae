/**
 * Reaching a status that needs a person to act (a host starting a meeting, a
 * participant joining): the entry page's form actions, along the route the
 * spec's lifecycle model finds (`lifecycle(kind).route`), each step confirmed
 * by reading the status back. The one way for the checks and the Pact states.
 *
 * What an action answers is the page's business: the spec and the design fix
 * only the statuses, not the HTTP status of a form post (the sandbox answers
 * 303, post/redirect/get; a page that answers 200 with the new page is as
 * good). So any answer below 400 is taken, and the status read back decides.
 */
import { lifecycle, type LifecycleKind } from '@org/liveminutes-spec';

/** How to act on the entry page and read the status, for whoever walks. */
export interface LifecycleDriver {
  /** Posts `action` to the entry page; the answer's HTTP status. */
  act(action: string): Promise<number>;
  /** The entity's current status (getMeetingStatus / getParticipantStatus). */
  readStatus(): Promise<string>;
}

/**
 * Acts until the entity has status `wanted`; undefined when it got there, else why not.
 * @example
 * const problem = await reachStatus('meeting', driver, '12'); // undefined, or 'the meeting entry page answered HTTP 404 to action=start'
 */
export async function reachStatus(kind: LifecycleKind, driver: LifecycleDriver, wanted: string): Promise<string | undefined> {
  const model = lifecycle(kind);
  let current = await driver.readStatus();
  const route = model.route(current, wanted);
  if (!route) return `no path in ${model.rule} from status ${current} to ${wanted}`;
  for (const { action } of route) {
    const httpStatus = await driver.act(action);
    if (httpStatus >= 400) return `the ${kind} entry page answered HTTP ${httpStatus} to action=${action}`;
    const next = await driver.readStatus();
    if (next === current) return `action=${action} on the ${kind} entry page left the status at ${current}`;
    current = next;
  }
  return current === wanted ? undefined : `the ${kind} reached status ${current}, not ${wanted}`;
}

/**
 * The value of the status the spec names `name` (its x-enum-varnames), or undefined.
 * @example
 * statusNamed('meeting', 'finish'); // '12'
 */
export function statusNamed(kind: LifecycleKind, name: string): string | undefined {
  return lifecycle(kind).statuses.find((status) => status.name === name)?.value;
}
