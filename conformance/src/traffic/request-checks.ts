/**
 * The client's side of an exchange: what the caller sent. POST to an
 * operation's path, a form (or multipart) body within the size limit, proper
 * encoding, basic credentials, each parameter once, present when required and
 * within its schema. A request that does not reach an operation is judged on
 * that alone, so that each mistake is one finding.
 */
import { operationParams, transportFailure } from '@org/liveminutes-spec';
import { schemaViolations } from '../run/validator.js';
import type { Problem, TrafficCheck } from './define.js';
import { bodyLimit, type ReadRequest } from './read-request.js';

/** The fields the operation knows, each given once as text (the first value when repeated). */
function knownValues(read: ReadRequest): Record<string, string> {
  const known = new Set(operationParams(read.operation ?? '').params.map((param) => param.name));
  const values: Record<string, string> = {};
  for (const [name, value] of read.fields ?? []) {
    if (known.has(name) && !(name in values) && typeof value === 'string') values[name] = value;
  }
  return values;
}

/** Whether the request is an operation call whose parameters can be judged. */
function readable(read: ReadRequest): boolean {
  return read.reachesOperation && read.fields !== undefined;
}

/**
 * Whether the credentials are an HTTP basic header of the form `sid:token`.
 * @example
 * isBasicCredentials('Basic YTpi'); // true
 */
export function isBasicCredentials(header: string | undefined): boolean {
  const match = /^basic\s+([A-Za-z0-9+/]+={0,2})$/i.exec((header ?? '').trim());
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 && colon < decoded.length - 1;
}

export const requestChecks: readonly TrafficCheck[] = [
  {
    id: 'request.path',
    rule: 'transport.post-path',
    side: 'client',
    judge: ({ exchange, read }) =>
      read.operation === undefined && exchange.request.target.startsWith('/') && exchange.request.method === 'POST' ? [`${read.path} is not an operation's path`] : [],
  },
  {
    id: 'request.method',
    rule: 'transport.post-path',
    side: 'client',
    judge: ({ exchange, read }) =>
      read.operation !== undefined && exchange.request.method !== 'POST' ? [`${exchange.request.method} instead of POST (answered ${transportFailure('method_not_allowed').status})`] : [],
  },
  {
    id: 'request.body-size',
    rule: 'transport.payload-too-large',
    side: 'client',
    judge: ({ exchange, read }) =>
      read.operation !== undefined && exchange.request.body.length > bodyLimit() ? [`a body of ${exchange.request.body.length} bytes, over ${bodyLimit()}`] : [],
  },
  {
    id: 'request.content-type',
    rule: 'transport.form-body',
    side: 'client',
    judge: ({ exchange, read }) => {
      if (read.operation === undefined || exchange.request.method !== 'POST' || exchange.request.body.length > bodyLimit()) return [];
      if (read.kind === 'unsupported') return [`a body of type ${exchange.request.headers['content-type']} instead of application/x-www-form-urlencoded`];
      if (read.kind === 'none' && exchange.request.body.length > 0) return ['a body without a Content-Type'];
      return [];
    },
  },
  {
    id: 'request.encoding',
    rule: 'transport.form-body',
    side: 'client',
    judge: ({ read }) => (read.reachesOperation && read.encodingProblem ? [read.encodingProblem] : []),
  },
  {
    id: 'request.credentials',
    rule: 'auth.basic',
    side: 'client',
    judge: ({ exchange, read }) => {
      if (!read.reachesOperation) return [];
      const header = exchange.request.headers.authorization;
      if (header === undefined) return ['no Authorization header'];
      return isBasicCredentials(header) ? [] : ['an Authorization header that is not HTTP basic AccountSid:AuthToken'];
    },
  },
  {
    id: 'request.repeated-parameter',
    rule: 'transport.repeated-parameter',
    side: 'client',
    judge: ({ read }) => {
      if (!readable(read)) return [];
      const known = new Set(operationParams(read.operation ?? '').params.map((param) => param.name));
      const counts = new Map<string, number>();
      for (const [name] of read.fields ?? []) if (known.has(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
      return [...counts].filter(([, count]) => count > 1).map(([name, count]) => `${name} given ${count} times`);
    },
  },
  {
    id: 'request.parameters',
    rule: 'transport.form-body',
    side: 'client',
    judge: ({ read }) => {
      if (!readable(read)) return [];
      const operation = read.operation ?? '';
      const { params } = operationParams(operation);
      const values = knownValues(read);
      const problems: Problem[] = [];
      for (const param of params) {
        const given = (read.fields ?? []).find(([name]) => name === param.name);
        if (given && typeof given[1] !== 'string') problems.push({ rule: 'transport.form-body', message: `${param.name} sent as a file` });
        else if (!given && param.required) problems.push({ rule: param.rules.required ?? 'transport.form-body', message: `${param.name} is required and missing` });
      }
      // One finding per field: its first broken keyword.
      const seen = new Set<string>();
      for (const violation of schemaViolations(operation, 'request', values)) {
        if (violation.keyword === 'required') continue;
        const field = violation.message.split(' ', 1)[0]?.replace(/^\//, '') ?? '';
        if (seen.has(field)) continue;
        seen.add(field);
        const rule = violation.rule ?? params.find((param) => param.name === field)?.rules[violation.keyword] ?? 'transport.form-body';
        problems.push({ rule, message: `${violation.message} (${JSON.stringify((values[field] ?? '').slice(0, 60))})` });
      }
      return problems;
    },
  },
];
