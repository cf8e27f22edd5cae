/**
 * The optional peer dependencies: the embedded sandbox and the Pact verifier.
 * A run against `--base-url` loads neither, so an install for staging runs
 * leaves both out (no native build, a few MB). What needs one loads it here
 * and, when it is not installed, stops at once with a usage error that names
 * the package to add.
 */
import { ConformanceError } from './errors.js';

/** The optional peers and what needs each. */
export const OPTIONAL_PEERS = {
  sandbox: { name: '@org/liveminutes-sandbox', neededBy: 'A run without --base-url (the embedded sandbox)' },
  pact: { name: '@pact-foundation/pact', neededBy: 'The pact subcommand (verifyPacts)' },
} as const;

/**
 * Whether `error` says that the package `name` itself cannot be found (ESM's
 * ERR_MODULE_NOT_FOUND or CommonJS's MODULE_NOT_FOUND), as opposed to a
 * failure inside it, such as a dependency of the package that is missing.
 * @example
 * await import('left-pad').catch((error) => isMissingPackage(error, 'left-pad')); // true when not installed
 */
export function isMissingPackage(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && typeof message === 'string' && message.includes(`'${name}'`);
}

/**
 * Runs `load` (a dynamic import of code that imports the peer); a missing peer
 * becomes a usage error naming it, anything else is rethrown.
 * @example
 * const { startSandbox } = await loadOptionalPeer('sandbox', () => import('@org/liveminutes-sandbox'));
 */
export async function loadOptionalPeer<T>(peer: keyof typeof OPTIONAL_PEERS, load: () => Promise<T>): Promise<T> {
  const { name, neededBy } = OPTIONAL_PEERS[peer];
  try {
    return await load();
  } catch (error) {
    if (!isMissingPackage(error, name)) throw error;
    throw new ConformanceError(
      'usage',
      `${neededBy} needs ${name}, an optional peer dependency of @org/liveminutes-conformance that is not installed. Add it: npm install --save-dev ${name}`,
    );
  }
}
