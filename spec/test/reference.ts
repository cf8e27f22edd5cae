/**
 * Reads the two reference texts the spec encodes (the original API document and
 * DESIGN.md, copied under spec/reference/) so that tests compare the spec with
 * its sources instead of with a second hand-typed copy.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const read = (name: string) => readFileSync(fileURLToPath(new URL(`../reference/${name}`, import.meta.url)), 'utf8');

export const documentText = read('liveminutes-api-beta.txt');
export const designText = read('DESIGN.md');

export interface DocumentedOperation {
  name: string;
  params: Array<{ name: string; required: boolean }>;
  /** Status table (value -> meaning), for the two status operations. */
  statuses: Array<{ value: string; meaning: string }>;
}

/** The operations of the original document, in its order, with their parameter tables. */
export function documentedOperations(): DocumentedOperation[] {
  const sections = documentText.split(/^[a-h]\. (?=\w+$)/m).slice(1);
  return sections.map((section) => {
    const lines = section.split('\n');
    const name = lines[0]!.trim();
    const start = lines.findIndex((line) => line.startsWith('names of parameters'));
    const end = lines.findIndex((line) => line.startsWith('Response:'));
    const params = lines
      .slice(start + 1, end)
      .filter((line) => /\b(required|optional)\b/.test(line))
      .map((line) => ({ name: line.split(' ')[0]!, required: /\brequired\b/.test(line) }));
    const table = lines.findIndex((line) => line.startsWith('Value Meaning'));
    const statuses =
      table < 0
        ? []
        : lines
            .slice(table + 1)
            .map((line) => /^(\d+) (.+)$/.exec(line.trim()))
            .filter((match): match is RegExpExecArray => match !== null)
            .map((match) => ({ value: match[1]!, meaning: match[2]! }));
    return { name, params, statuses };
  });
}

/** The error codes of DESIGN.md's failure table, in its order. */
export function designErrorCodes(): string[] {
  const start = designText.indexOf('| error | when |');
  const table = designText.slice(start, designText.indexOf('\n\n', start));
  return [...table.matchAll(/`([a-z_]+)`/g)].map((match) => match[1]!);
}

/** Counts of rule markers in DESIGN.md: every [S] and [C] must be encoded. */
export function designLevelCounts(): { S: number; C: number } {
  return {
    S: [...designText.matchAll(/\*\*\[S\]\*\*/g)].length,
    C: [...designText.matchAll(/\*\*\[C\]\*\*/g)].length,
  };
}
