/**
 * Random identifiers from node:crypto: meeting codes, entry tokens and
 * generated meeting keys. Rejection sampling keeps every character uniform.
 */
import { randomFillSync } from 'node:crypto';

const UPPER = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = '0123456789abcdefghijklmnopqrstuvwxyz';

// Random bytes are drawn 4 KiB at a time: one call into the generator per about a hundred identifiers, not per identifier.
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomByte(): number {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  return pool[used++]!;
}

function randomString(length: number, alphabet: string): string {
  // The largest multiple of the alphabet's size below 256: bytes above it are dropped.
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    const byte = randomByte();
    if (byte < limit) out += alphabet[byte % alphabet.length];
  }
  return out;
}

/**
 * The 6 characters of a meeting URL, `[0-9A-Z]`.
 * @example
 * newMeetingCode(); // '03P23Z'
 */
export const newMeetingCode = (): string => randomString(6, UPPER);

/**
 * An entry token, `LIVE` + 20 characters of `[0-9A-Z]` (20 * log2(36) = 103 bits).
 * @example
 * newEntryToken(); // 'LIVEXP63FCLCRJW4GHT1X7O6'
 */
export const newEntryToken = (): string => `LIVE${randomString(20, UPPER)}`;

/**
 * A meeting key for createMeeting with an empty meetingKey.
 * @example
 * newMeetingKey(); // 'k3j9x0q2m8v1'
 */
export const newMeetingKey = (): string => randomString(12, LOWER);
