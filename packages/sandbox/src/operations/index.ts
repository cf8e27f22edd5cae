/**
 * @module operations
 * The 8 operations, keyed by the spec's operationIds and paired with their
 * request validators. Loading fails if the spec and this table disagree.
 */
import { createValidator, getOperation, operationIds } from '@org/liveminutes-spec';
import { createRequestValidator, type RequestValidator } from '../validation/request.js';
import { cancelMeeting, createMeeting, getMeetingStatus, getMeetingUrl } from './meetings.js';
import { addParticipant, cancelParticipant, getParticipantStatus, getParticipantUrl } from './participants.js';
import type { OperationHandler } from './handler.js';

const handlers: Readonly<Record<string, OperationHandler>> = {
  createMeeting,
  addParticipant,
  getParticipantUrl,
  getMeetingUrl,
  cancelMeeting,
  cancelParticipant,
  getMeetingStatus,
  getParticipantStatus,
};

/** An operation ready to run. */
export interface Operation {
  readonly operationId: string;
  readonly path: string;
  readonly validate: RequestValidator;
  readonly handle: OperationHandler;
}

/**
 * The operations by request path (`/createMeeting`, ...).
 * @example
 * const ops = createOperations();
 * ops.get('/getMeetingStatus')?.operationId; // 'getMeetingStatus'
 */
export function createOperations(): ReadonlyMap<string, Operation> {
  const ids = operationIds();
  const missing = ids.filter((id) => !handlers[id]);
  const extra = Object.keys(handlers).filter((id) => !ids.includes(id));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`Operations differ from the spec: missing ${missing.join(', ') || 'none'}, extra ${extra.join(', ') || 'none'}`);
  }
  const ajv = createValidator({ allErrors: false });
  return new Map(
    ids.map((operationId) => {
      const { path } = getOperation(operationId);
      const operation: Operation = {
        operationId,
        path,
        validate: createRequestValidator(operationId, ajv),
        handle: handlers[operationId]!,
      };
      return [path, operation];
    }),
  );
}

export type { OperationContext, OperationHandler, OperationResult } from './handler.js';
