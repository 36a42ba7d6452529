import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared corpus of upstream manifests: $MLOPS_CORPUS, or ../shared/corpus beside the repository. */
export const CORPUS_DIR = resolve(process.env['MLOPS_CORPUS'] ?? join(__dirname, '..', '..', '..', 'shared', 'corpus'));

/** One row of the corpus MANIFEST.tsv. */
export interface CorpusRow {
  /** Path inside the corpus: `<source>/<path>`. */
  readonly file: string;
  /** `apiVersion/kind` of each document (or a label such as `MLproject`). */
  readonly kinds: readonly string[];
  /** valid, invalid:yaml, invalid:schema, invalid:semantic, runtime-error, stale-api, suspect. */
  readonly expect: string;
  readonly note: string;
}

/**
 * Why corpus tests cannot run here, or undefined when they can. A missing corpus skips loudly
 * on a developer's machine and fails in CI, where it is always present.
 */
export function corpusSkipReason(): string | undefined {
  if (existsSync(join(CORPUS_DIR, 'MANIFEST.tsv'))) return undefined;
  const message = `corpus not found at ${CORPUS_DIR} (set MLOPS_CORPUS): corpus tests SKIPPED`;
  if (process.env['CI'] === 'true') throw new Error(`${message}. CI must provide it.`);
  process.stderr.write(`\n*** ${message} ***\n\n`);
  return message;
}

/** MANIFEST.tsv labels that name a kind key of ours differently. */
const KIND_ALIASES: Readonly<Record<string, string>> = { bentofile: 'bentofile.yaml' };

export function corpusRows(): CorpusRow[] {
  const [header, ...lines] = readFileSync(join(CORPUS_DIR, 'MANIFEST.tsv'), 'utf8').split('\n');
  const cols = (header ?? '').split('\t');
  const col = (name: string): number => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`MANIFEST.tsv has no column ${name}`);
    return i;
  };
  const [source, path, kind, expect, note] = [col('source'), col('path'), col('kind'), col('expect'), col('note')];
  return lines
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'))
    .map((c) => ({
      file: `${c[source] ?? ''}/${c[path] ?? ''}`,
      kinds: (c[kind] ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '').map((k) => (Object.hasOwn(KIND_ALIASES, k) ? (KIND_ALIASES[k] ?? k) : k)),
      expect: c[expect] ?? '',
      note: c[note] ?? '',
    }));
}

export function readCorpusFile(file: string): string {
  return readFileSync(join(CORPUS_DIR, file), 'utf8');
}
