/**
 * @module docs/code-samples
 * `x-codeSamples` for every operation, written from the operation's own first
 * request example and the document's example credentials: curl, TypeScript
 * (with `@org/liveminutes-client`), PHP (curl, as the original document shows)
 * and Python (standard library only).
 */

/** The credentials a sample authenticates with. */
export interface SampleCredentials {
  readonly accountSid: string;
  readonly authToken: string;
}

/** One entry of Redoc's `x-codeSamples` list. */
export interface CodeSample {
  readonly lang: string;
  readonly label: string;
  readonly source: string;
}

/** What a sample needs to know about one call. */
export interface SampleCall {
  readonly operationId: string;
  /** The server's base URL, without a trailing slash. */
  readonly baseUrl: string;
  readonly form: Readonly<Record<string, string>>;
  readonly credentials: SampleCredentials;
}

/** The four languages, in the order the reference shows them. */
export const SAMPLE_LANGUAGES = ['curl', 'TypeScript', 'PHP', 'Python'] as const;

/**
 * The code samples for one call, one per language of {@link SAMPLE_LANGUAGES}.
 * @example
 * const samples = codeSamples({
 *   operationId: 'getMeetingUrl',
 *   baseUrl: 'https://api.liveminutes.com',
 *   form: { meetingKey: 'abcdef' },
 *   credentials: { accountSid: 'trw76p0066423', authToken: 'eurn568nfkkg9862iomdnnv987iir' },
 * });
 * samples.map((s) => s.label); // ['curl', 'TypeScript', 'PHP', 'Python']
 */
export function codeSamples(call: SampleCall): CodeSample[] {
  return [
    { lang: 'Shell', label: 'curl', source: curlSample(call) },
    { lang: 'TypeScript', label: 'TypeScript', source: typeScriptSample(call) },
    { lang: 'PHP', label: 'PHP', source: phpSample(call) },
    { lang: 'Python', label: 'Python', source: pythonSample(call) },
  ];
}

function url(call: SampleCall): string {
  return `${call.baseUrl}/${call.operationId}`;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function singleQuoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function curlSample(call: SampleCall): string {
  const { accountSid, authToken } = call.credentials;
  const lines = [`curl -u ${shellQuote(`${accountSid}:${authToken}`)}`];
  for (const [name, value] of Object.entries(call.form)) lines.push(`  --data-urlencode ${shellQuote(`${name}=${value}`)}`);
  lines.push(`  ${url(call)}`);
  return lines.join(' \\\n');
}

function typeScriptSample(call: SampleCall): string {
  const { accountSid, authToken } = call.credentials;
  const fields = Object.entries(call.form).map(([name, value]) => `  ${name}: ${singleQuoted(value)},`);
  return [
    `import { createClient, LiveMinutesError } from '@org/liveminutes-client';`,
    ``,
    `const liveMinutes = createClient({`,
    `  accountSid: ${singleQuoted(accountSid)},`,
    `  authToken: ${singleQuoted(authToken)},`,
    `  baseUrl: ${singleQuoted(call.baseUrl)},`,
    `});`,
    ``,
    `try {`,
    `  // Resolves with the resultcode 1 body; a resultcode 0 answer throws.`,
    `  const result = await liveMinutes.${call.operationId}({`,
    ...fields.map((line) => `  ${line}`),
    `  });`,
    `  console.log(result);`,
    `} catch (error) {`,
    `  if (error instanceof LiveMinutesError) console.error(error.code, error.message);`,
    `  else throw error;`,
    `}`,
  ].join('\n');
}

function phpSample(call: SampleCall): string {
  const { accountSid, authToken } = call.credentials;
  const fields = Object.entries(call.form).map(([name, value]) => `    ${singleQuoted(name)} => ${singleQuoted(value)},`);
  return [
    `<?php`,
    `$accountSid = ${singleQuoted(accountSid)};`,
    `$authToken = ${singleQuoted(authToken)};`,
    ``,
    `$ch = curl_init(${singleQuoted(url(call))});`,
    `curl_setopt($ch, CURLOPT_USERPWD, "{$accountSid}:{$authToken}");`,
    `curl_setopt($ch, CURLOPT_POST, true);`,
    `curl_setopt($ch, CURLOPT_POSTFIELDS, http_build_query([`,
    ...fields,
    `]));`,
    `curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);`,
    `$result = json_decode(curl_exec($ch), true);`,
    `curl_close($ch);`,
    ``,
    `// Every answer is HTTP 200: check resultcode, 1 = success, 0 = failure.`,
    `if ($result['resultcode'] !== 1) {`,
    `    throw new RuntimeException($result['error'] ?? 'LiveMinutes call failed');`,
    `}`,
    `print_r($result);`,
  ].join('\n');
}

function pythonSample(call: SampleCall): string {
  const { accountSid, authToken } = call.credentials;
  const fields = Object.entries(call.form).map(([name, value]) => `    ${JSON.stringify(name)}: ${JSON.stringify(value)},`);
  return [
    `import base64`,
    `import json`,
    `import urllib.parse`,
    `import urllib.request`,
    ``,
    `account_sid = ${JSON.stringify(accountSid)}`,
    `auth_token = ${JSON.stringify(authToken)}`,
    ``,
    `body = urllib.parse.urlencode({`,
    ...fields,
    `}).encode()`,
    `req = urllib.request.Request(${JSON.stringify(url(call))}, data=body)`,
    `credentials = base64.b64encode(f"{account_sid}:{auth_token}".encode()).decode()`,
    `req.add_header("Authorization", "Basic %s" % credentials)`,
    `with urllib.request.urlopen(req) as res:`,
    `    result = json.load(res)`,
    ``,
    `# Every answer is HTTP 200: check resultcode, 1 = success, 0 = failure.`,
    `if result["resultcode"] != 1:`,
    `    raise RuntimeError(result.get("error", "LiveMinutes call failed"))`,
    `print(result)`,
  ].join('\n');
}
