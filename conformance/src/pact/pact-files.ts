/**
 * Reading pact files (a directory, files, or http(s) URLs) and writing the
 * copies the verifier runs: the same pacts without the interactions that
 * cannot be set up on this provider, which are reported as skipped instead.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A provider state as a V3/V4 pact lists it. */
export interface PactProviderState {
  readonly name: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/** The parts of an interaction this package reads; the rest is passed through untouched. */
export interface PactInteraction {
  readonly description: string;
  readonly providerStates?: readonly PactProviderState[];
  readonly providerState?: string;
  readonly [key: string]: unknown;
}

/** A pact document. */
export interface PactDocument {
  readonly consumer: { readonly name: string };
  readonly provider: { readonly name: string };
  readonly interactions: readonly PactInteraction[];
  readonly [key: string]: unknown;
}

/** A pact and where it came from. */
export interface LoadedPact {
  readonly source: string;
  readonly pact: PactDocument;
}

/**
 * The state names of an interaction, in order (V2's single `providerState` too).
 * @example
 * stateNames({ description: 'd', providerStates: [{ name: 'a' }] }); // ['a']
 */
export function stateNames(interaction: PactInteraction): string[] {
  if (interaction.providerStates) return interaction.providerStates.map((state) => state.name);
  return interaction.providerState ? [interaction.providerState] : [];
}

/**
 * Loads every pact of a directory (`*.json`) and of a list of files or URLs.
 * @example
 * const pacts = await loadPacts({ pactDir: 'packages/client/pacts' });
 */
export async function loadPacts(sources: { pactDir?: string; pactUrls?: readonly string[]; fetch?: typeof fetch }): Promise<LoadedPact[]> {
  const locations: string[] = [];
  if (sources.pactDir) {
    let names: string[];
    try {
      names = (await readdir(sources.pactDir)).filter((name) => name.endsWith('.json')).sort();
    } catch {
      throw new Error(`pactDir ${sources.pactDir} is not a readable directory`);
    }
    locations.push(...names.map((name) => join(sources.pactDir!, name)));
  }
  locations.push(...(sources.pactUrls ?? []));
  const loaded: LoadedPact[] = [];
  for (const source of locations) {
    const text = /^https?:\/\//i.test(source) ? await fetchText(source, sources.fetch ?? fetch) : await readLocal(source);
    let pact: PactDocument;
    try {
      pact = JSON.parse(text) as PactDocument;
    } catch {
      throw new Error(`${source} is not JSON`);
    }
    if (!pact?.consumer?.name || !pact.provider?.name || !Array.isArray(pact.interactions)) {
      throw new Error(`${source} is not a pact (consumer, provider and interactions are required)`);
    }
    loaded.push({ source, pact });
  }
  return loaded;
}

async function readLocal(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new Error(`${file} is not a readable pact file`);
  }
}

async function fetchText(url: string, doFetch: typeof fetch): Promise<string> {
  const response = await doFetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return response.text();
}

/**
 * Writes each pact, keeping only the interactions `keep` accepts, to a new
 * temporary directory; pacts left with no interaction are not written.
 * @example
 * const { dir, files } = await writeFilteredPacts(pacts, (i) => !skipped.has(i));
 */
export async function writeFilteredPacts(
  pacts: readonly LoadedPact[],
  keep: (interaction: PactInteraction) => boolean,
): Promise<{ dir: string; files: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'liveminutes-pacts-'));
  const files: string[] = [];
  for (const [index, { pact }] of pacts.entries()) {
    const interactions = pact.interactions.filter(keep);
    if (interactions.length === 0) continue;
    const file = join(dir, `${index}-${safeName(pact.consumer.name)}-${safeName(pact.provider.name)}.json`);
    await writeFile(file, JSON.stringify({ ...pact, interactions }, null, 2));
    files.push(file);
  }
  return { dir, files };
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_');
}
