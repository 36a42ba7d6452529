import { readManifest } from './crd';
import { PRODUCERS } from './producers';
import type { JsonSchema } from './types';

function stable(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 1)}\n`;
}

/** Every generated file, by path under schemas/generated, with its text. */
export function generateAll(corpus: string): Map<string, string> {
  const manifest = readManifest(corpus);
  const files = new Map<string, string>();
  const index: Record<string, string> = {};
  for (const produce of PRODUCERS) {
    for (const p of produce(corpus, manifest)) {
      if (Object.hasOwn(index, p.kindKey)) throw new Error(`two schemas for ${p.kindKey}`);
      files.set(p.file, stable(p.schema));
      index[p.kindKey] = p.file;
    }
  }
  const sorted = Object.fromEntries(Object.entries(index).sort(([a], [b]) => a.localeCompare(b)));
  files.set('index.json', `${JSON.stringify(sorted, null, 2)}\n`);
  return files;
}
