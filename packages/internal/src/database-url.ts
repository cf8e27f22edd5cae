/**
 * PostgreSQL URLs without their secrets: what the CLI prints, what errors say.
 * A password (in the user info or in a query parameter) is never printed.
 */

const SECRET_PARAM = /pass|secret|key|token/i;

/**
 * The URL with its password and secret query parameters replaced by `***`.
 * A URL that cannot be parsed is not echoed at all.
 * @example
 * redactDatabaseUrl('postgres://app:s3cret@db:5432/sandbox'); // 'postgres://app:***@db:5432/sandbox'
 */
export function redactDatabaseUrl(db: string): string {
  let url: URL;
  try {
    url = new URL(db);
  } catch {
    return 'postgres://[unparsable]';
  }
  if (url.password !== '') url.password = '***';
  for (const key of [...url.searchParams.keys()]) {
    if (SECRET_PARAM.test(key)) url.searchParams.set(key, '***');
  }
  return url.href.replaceAll('%2A%2A%2A', '***');
}

/**
 * The secrets of a database URL (password, secret query parameters), decoded,
 * so that any message can be scrubbed of them before it is printed.
 * @example
 * databaseUrlSecrets('postgres://app:s3cret@db/sandbox'); // ['s3cret']
 */
export function databaseUrlSecrets(db: string): string[] {
  try {
    const url = new URL(db);
    const secrets = [url.password, ...[...url.searchParams].filter(([key]) => SECRET_PARAM.test(key)).map(([, value]) => value)];
    return secrets.flatMap((secret) => [secret, safeDecode(secret)]).filter((secret) => secret.length > 0);
  } catch {
    return [];
  }
}

/**
 * A message with every secret of the URL replaced by `***`.
 * @example
 * scrubSecrets('no access for s3cret', 'postgres://app:s3cret@db/sandbox'); // 'no access for ***'
 */
export function scrubSecrets(message: string, db: string): string {
  let scrubbed = message;
  for (const secret of databaseUrlSecrets(db)) scrubbed = scrubbed.split(secret).join('***');
  return scrubbed;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
