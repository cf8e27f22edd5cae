/**
 * @module docs/enrich
 * Turns a bundled spec into the document the HTML reference renders: code
 * samples on every operation, and reference sections (status tables, error
 * table, rule index) generated from the spec's own enums and extensions, so
 * that the reference never restates the spec by hand.
 */
import { codeSamples, type SampleCredentials } from './code-samples.js';

type Json = Record<string, unknown>;

/** Where the generated sections can be found, for tests and the index page. */
export const GENERATED_SECTIONS = {
  auth: 'Authentication examples',
  statuses: 'Status tables',
  errors: 'Error table',
  rules: 'Rule index',
  triggers: 'Test triggers',
} as const;

/** Stand-ins used when a version's description shows no example credentials. */
const PLACEHOLDER_CREDENTIALS: SampleCredentials = { accountSid: 'YOUR_ACCOUNT_SID', authToken: 'YOUR_AUTH_TOKEN' };

/**
 * A copy of `spec` ready to render; `spec` itself is not changed.
 * @example
 * const doc = enrichForDocs(JSON.parse(readFileSync('dist/liveminutes.openapi.json', 'utf8')));
 * doc.paths['/createMeeting'].post['x-codeSamples'].length; // 4
 */
export function enrichForDocs(spec: Json): Json {
  const doc = structuredClone(spec);
  const info = (doc.info ?? {}) as Json;
  const credentials = exampleCredentials(String(info.description ?? ''));
  const baseUrl = firstServerUrl(doc);
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Json>)) {
    for (const operation of Object.values(item) as Json[]) {
      if (!operation || typeof operation !== 'object' || typeof operation.operationId !== 'string') continue;
      if (Array.isArray(operation['x-codeSamples'])) continue;
      operation['x-codeSamples'] = codeSamples({
        operationId: operation.operationId,
        baseUrl,
        form: firstFormExample(doc, operation),
        credentials,
      });
    }
  }
  const sections = [statusSection(doc), errorSection(doc), triggerSection(doc), ruleSection(doc)].filter((s) => s !== '');
  const description = withAuthExamples(String(info.description ?? ''), authExamples(doc, credentials, baseUrl));
  info.description = [description.trimEnd(), ...sections].join('\n\n') + '\n';
  doc.info = info;
  return doc;
}

const FENCE: Record<string, string> = { curl: 'sh', TypeScript: 'ts', PHP: 'php', Python: 'python' };

/** The first operation's call in every sample language, as a Markdown section. */
function authExamples(doc: Json, credentials: SampleCredentials, baseUrl: string): string {
  const operation = operationsOf(doc)[0];
  if (!operation) return '';
  const samples = codeSamples({
    operationId: String(operation.operationId),
    baseUrl,
    form: firstFormExample(doc, operation),
    credentials,
  });
  return [
    `### ${GENERATED_SECTIONS.auth}`,
    `The same \`${String(operation.operationId)}\` call with the example credentials; every operation shows its own call in these languages.`,
    ...samples.map((s) => `${s.label}:\n\n\`\`\`${FENCE[s.label] ?? ''}\n${s.source}\n\`\`\``),
  ].join('\n\n');
}

/** Inserts `section` at the end of the description's `## Authentication` section (or at the end). */
function withAuthExamples(description: string, section: string): string {
  if (!section) return description;
  const lines = description.split('\n');
  const start = lines.findIndex((line) => /^##\s+Authentication\s*$/.test(line));
  if (start < 0) return `${description.trimEnd()}\n\n## Authentication\n\n${section}`;
  const next = lines.findIndex((line, i) => i > start && /^##\s/.test(line));
  const at = next < 0 ? lines.length : next;
  return [...lines.slice(0, at), section, '', ...lines.slice(at)].join('\n');
}

/**
 * The AccountSid and AuthToken of the description's curl example (`curl -u SID:TOKEN`).
 * @example
 * exampleCredentials('curl -u abc:xyz https://...'); // { accountSid: 'abc', authToken: 'xyz' }
 */
export function exampleCredentials(description: string): SampleCredentials {
  const match = /curl\s+-u\s+'?([^:\s']+):([^\s']+)'?/.exec(description);
  return match?.[1] && match[2] ? { accountSid: match[1], authToken: match[2] } : PLACEHOLDER_CREDENTIALS;
}

function firstServerUrl(doc: Json): string {
  const servers = (doc.servers ?? []) as Array<{ url?: string }>;
  const url = servers.find((server) => server.url && !server.url.includes('{'))?.url ?? 'https://api.liveminutes.com';
  return url.replace(/\/+$/, '');
}

function resolve(doc: Json, value: unknown): unknown {
  let node = value;
  for (let depth = 0; depth < 16 && node && typeof node === 'object' && typeof (node as Json).$ref === 'string'; depth++) {
    const ref = (node as Json).$ref as string;
    if (!ref.startsWith('#/')) return undefined;
    node = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, key) => (at as Json | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return node;
}

function firstFormExample(doc: Json, operation: Json): Record<string, string> {
  const body = resolve(doc, operation.requestBody) as Json | undefined;
  const content = (body?.content ?? {}) as Record<string, Json>;
  const media = content['application/x-www-form-urlencoded'] ?? Object.values(content)[0];
  const examples = Object.values((media?.examples ?? {}) as Record<string, unknown>);
  const value = (resolve(doc, examples[0]) as Json | undefined)?.value ?? media?.example ?? {};
  return Object.fromEntries(Object.entries(value as Json).map(([name, v]) => [name, String(v)]));
}

interface EnumSchema {
  enum: string[];
  'x-enum-varnames'?: string[];
  'x-enum-descriptions'?: string[];
}

function enumSchema(doc: Json, name: string): EnumSchema | undefined {
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, EnumSchema>;
  const schema = schemas[name];
  return schema && Array.isArray(schema.enum) ? schema : undefined;
}

function cell(text: unknown): string {
  return String(text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function enumTable(schema: EnumSchema, valueHeader: string): string {
  const rows = schema.enum.map(
    (value, i) =>
      `| \`${cell(value)}\` | ${cell(schema['x-enum-varnames']?.[i])} | ${cell(schema['x-enum-descriptions']?.[i])} |`,
  );
  return [`| ${valueHeader} | name | meaning |`, '| --- | --- | --- |', ...rows].join('\n');
}

function statusSection(doc: Json): string {
  const meeting = enumSchema(doc, 'MeetingStatus');
  const participant = enumSchema(doc, 'ParticipantStatus');
  if (!meeting && !participant) return '';
  const parts = [`## ${GENERATED_SECTIONS.statuses}`];
  parts.push('Statuses are strings, never numbers.');
  if (meeting) parts.push('### Meeting status', 'Schema `MeetingStatus`, answered by `getMeetingStatus`.', enumTable(meeting, 'status'));
  if (participant) parts.push('### Participant status', 'Schema `ParticipantStatus`, answered by `getParticipantStatus`.', enumTable(participant, 'status'));
  return parts.join('\n\n');
}

function operationsOf(doc: Json): Json[] {
  return Object.values((doc.paths ?? {}) as Record<string, Json>).flatMap((item) =>
    (Object.values(item) as Json[]).filter((op) => op && typeof op === 'object' && typeof op.operationId === 'string'),
  );
}

/** HTTP status by error code, read from the examples of every operation's responses. */
function statusByError(doc: Json): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const operation of operationsOf(doc)) {
    for (const [status, response] of Object.entries((operation.responses ?? {}) as Json)) {
      const content = ((resolve(doc, response) as Json | undefined)?.content ?? {}) as Record<string, Json>;
      for (const media of Object.values(content)) {
        for (const example of Object.values((media.examples ?? {}) as Json)) {
          const code = ((resolve(doc, example) as Json | undefined)?.value as Json | undefined)?.error;
          if (typeof code !== 'string') continue;
          if (!found.has(code)) found.set(code, new Set());
          found.get(code)?.add(status);
        }
      }
    }
  }
  return found;
}

function errorSection(doc: Json): string {
  const schema = enumSchema(doc, 'ErrorCode');
  if (!schema) return '';
  const statuses = statusByError(doc);
  const operations = operationsOf(doc);
  const rows = schema.enum.map((code, i) => {
    const by = operations
      .filter((op) => ((op['x-liveminutes-errors'] ?? []) as string[]).includes(code))
      .map((op) => `\`${String(op.operationId)}\``);
    const http = [...(statuses.get(code) ?? [])].sort().join(', ') || '—';
    const where = by.length === operations.length ? 'every operation' : by.length ? by.join(', ') : 'any request';
    return `| \`${cell(code)}\` | ${http} | ${cell(schema['x-enum-descriptions']?.[i])} | ${where} |`;
  });
  return [
    `## ${GENERATED_SECTIONS.errors}`,
    'A failure always has `resultcode` 0. Servers built to this spec add `error` (one of the codes below), `message` and, for `invalid_parameter`, `param`; clients must work without them. Calls that reach an operation are answered HTTP 200, whatever their resultcode.',
    '| error | HTTP | when | operations |\n| --- | --- | --- | --- |\n' + rows.join('\n'),
  ].join('\n\n');
}

/** The test triggers (`x-liveminutes-test-triggers`) as a table; versions without them get no section. */
function triggerSection(doc: Json): string {
  const triggers = doc['x-liveminutes-test-triggers'];
  if (!Array.isArray(triggers) || triggers.length === 0) return '';
  const rules = (Array.isArray(doc['x-liveminutes-rules']) ? doc['x-liveminutes-rules'] : []) as Json[];
  const reservation = rules.find((rule) => rule.id === 'sandbox.test-triggers');
  const prefix = (reservation?.data as Json | undefined)?.reservedPrefix;
  const effect = (value: unknown): string => {
    const { error, delayMs, drop, httpStatus } = (value ?? {}) as Json;
    if (typeof error === 'string') return `fails with \`${cell(error)}\``;
    if (typeof delayMs === 'number') return `answers ${delayMs} ms late`;
    if (drop === true) return 'closes the connection, no answer';
    if (typeof httpStatus === 'number') return `HTTP ${httpStatus}, \`internal_error\``;
    return cell(JSON.stringify(value));
  };
  const rows = (triggers as Json[]).map(
    (t) => `| \`${cell(t.operation)}\` | \`${cell(t.param)}\` | \`${cell(t.value)}\` | ${effect(t.effect)} | \`${cell(t.id)}\` |`,
  );
  return [
    `## ${GENERATED_SECTIONS.triggers}`,
    [
      'Sandbox only (rule `sandbox.test-triggers`): a call whose parameter holds one of these values gets the effect instead of its normal answer, and nothing stored changes.',
      typeof prefix === 'string' ? `Every value starts with the reserved prefix \`${cell(prefix)}\`, so no real request sends one by chance; a real server treats them as ordinary values.` : '',
      'Credentials and the other parameters are checked first, as for any call.',
    ].filter((line) => line !== '').join(' '),
    '| operation | parameter | value | effect | trigger |\n| --- | --- | --- | --- | --- |\n' + rows.join('\n'),
  ].join('\n\n');
}

function ruleSection(doc: Json): string {
  const rules = doc['x-liveminutes-rules'];
  if (!Array.isArray(rules) || rules.length === 0) return '';
  const rows = (rules as Json[]).map((rule) => `| \`${cell(rule.id)}\` | ${cell(rule.level)} | ${cell(rule.title)} |`);
  return [
    `## ${GENERATED_SECTIONS.rules}`,
    'MUST rules are stated by the original document; SHOULD rules are clarifications this specification makes where it is silent.',
    '| rule | level | rule text |\n| --- | --- | --- |\n' + rows.join('\n'),
  ].join('\n\n');
}
