/**
 * @module pages
 * Placeholder until the entry pages land: answers nothing, so every page path is a 404.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PageContext } from '../context.js';

/** Answers a page request; false means "not mine". */
export function handlePage(_req: IncomingMessage, _res: ServerResponse, _ctx: PageContext): boolean {
  return false;
}
