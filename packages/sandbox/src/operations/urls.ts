/**
 * The URLs handed out, in the formats of the spec's rule url.formats:
 * `{publicUrl}/{code}` and `{publicUrl}/e/{token}`.
 */

/**
 * @example
 * meetingUrl('http://127.0.0.1:4010', '03P23Z'); // 'http://127.0.0.1:4010/03P23Z'
 */
export const meetingUrl = (publicUrl: string, code: string): string => `${publicUrl}/${code}`;

/**
 * @example
 * entryUrl('http://127.0.0.1:4010', 'LIVEXP63FCLCRJW4GHT1X7O6'); // 'http://127.0.0.1:4010/e/LIVEXP63FCLCRJW4GHT1X7O6'
 */
export const entryUrl = (publicUrl: string, token: string): string => `${publicUrl}/e/${token}`;
