/**
 * Meeting keys and user ids for one run. Every one starts with the run's
 * prefix, so that a person (or a script) can tell the suite's meetings and
 * users apart on a shared server.
 */
import { randomBytes } from 'node:crypto';

/** The characters a prefix may use: safe in keys, ids, URLs and logs. */
export const PREFIX_PATTERN = /^[A-Za-z0-9_-]{1,16}$/;

/**
 * A random prefix such as `lmc-k3j2h1-`.
 * @example
 * randomPrefix(); // 'lmc-0f3a9z-'
 */
export function randomPrefix(): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  const suffix = [...randomBytes(6)].map((byte) => alphabet[byte % alphabet.length]).join('');
  return `lmc-${suffix}-`;
}

/**
 * Unique, prefixed keys and ids.
 * @example
 * const ids = new IdFactory('lmc-abc-');
 * ids.key(); // 'lmc-abc-m1'
 * ids.fit('u', 50, 'x').length; // 50
 */
export class IdFactory {
  readonly prefix: string;
  #counter = 0;

  constructor(prefix: string) {
    this.prefix = prefix;
  }

  /** A new meeting key. */
  key(label = 'm'): string {
    return `${this.prefix}${label}${this.#next()}`;
  }

  /** A new user id (hostid or puid). */
  user(label = 'u'): string {
    return `${this.prefix}${label}${this.#next()}`;
  }

  /**
   * A new id of exactly `length` code points: the prefix, a label and a counter,
   * padded with `fill` (one code point, repeated). Throws when the prefix leaves no room.
   */
  fit(label: string, length: number, fill: string): string {
    const head = `${this.prefix}${label}${this.#next()}`;
    const room = length - [...head].length;
    if (room < 0) throw new Error(`The prefix ${this.prefix} is too long for an id of ${length} characters`);
    return head + fill.repeat(room);
  }

  #next(): number {
    this.#counter += 1;
    return this.#counter;
  }
}

/** Length in Unicode code points, as the spec counts it. */
export function codePoints(value: string): number {
  return [...value].length;
}
