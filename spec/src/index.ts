/**
 * @module @org/liveminutes-spec
 * The bundled LiveMinutes OpenAPI 3.1 spec and its typed model: the document
 * and its lookups (`loadSpec`, `getOperation`, `getRule`, `getEnum`), and what
 * the rules mean (`lifecycle`, `limits`, `maxBodyBytes`, `urlFormats`,
 * `transportFailures`, `failureCodes`, `operationParams`, `successFields`,
 * `retryPolicy`, `testTriggers`), with `createValidator` for the spec's schemas. The validator alone is also at
 * `@org/liveminutes-spec/validation`.
 */
export * from './document.js';
export {
  errorCodes,
  failureCodes,
  failureMessage,
  failureRule,
  invalidParameterRule,
  lifecycle,
  limits,
  maxBodyBytes,
  operationParams,
  retryPolicy,
  ruleData,
  serverFaultCode,
  successFields,
  successRule,
  testTriggerPrefix,
  testTriggers,
  transportFailure,
  transportFailures,
  urlFormats,
  urlRandomness,
  withRule,
  type Identifies,
  type InvalidParameterCause,
  type Lifecycle,
  type LifecycleKind,
  type Limits,
  type OperationParams,
  type ParamInfo,
  type StatusChange,
  type StatusInfo,
  type SuccessField,
  type TestTrigger,
  type TestTriggerEffect,
  type Transition,
  type TransportFailure,
  type UrlFormats,
  type UrlRandomness,
} from './model.js';
export {
  controlErrors,
  controlOperation,
  controlOperations,
  controlSpecPath,
  loadControlSpec,
  type ControlErrorInfo,
  type ControlOperation,
} from './control.js';
export { createValidator, isCalendarTime, type NumberRange } from './validation.js';
