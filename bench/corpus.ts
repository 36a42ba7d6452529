// The bench's documents: job manifests read from the shared corpus at run time (never copied into
// the repo), and one large multi-document file made by concatenating them.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isScalar, parseDocument } from 'yaml';

/** The kinds the bench draws from, per family, in the order they are taken (round-robin). */
export const JOB_KINDS = [
  'kubeflow.org/v1/PyTorchJob',
  'kubeflow.org/v1/TFJob',
  'kubeflow.org/v1/XGBoostJob',
  'kubeflow.org/v1/PaddleJob',
  'kubeflow.org/v1/JAXJob',
  'kubeflow.org/v1/MPIJob',
  'kubeflow.org/v2beta1/MPIJob',
  'trainer.kubeflow.org/v1alpha1/TrainJob',
  'batch.volcano.sh/v1alpha1/Job',
] as const;

export const ARGO_KINDS = [
  'argoproj.io/v1alpha1/Workflow',
  'argoproj.io/v1alpha1/WorkflowTemplate',
  'argoproj.io/v1alpha1/ClusterWorkflowTemplate',
  'argoproj.io/v1alpha1/CronWorkflow',
] as const;

export type Family = 'jobs' | 'argo';
export const FAMILY_KINDS: Readonly<Record<Family, readonly string[]>> = { jobs: JOB_KINDS, argo: ARGO_KINDS };

export interface BenchDoc {
  /** `apiVersion/Kind`, the key of schemas/generated/index.json. */
  readonly key: string;
  /** `source/path` in the corpus. */
  readonly source: string;
  readonly text: string;
  /** Virtual URI; its file name carries the kind so that a glob can route it to a schema. */
  readonly uri: string;
  /** Offsets of the metadata.name value, where edits go, and that value. */
  readonly name: NameSpot;
}

export interface NameSpot {
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

export interface Selection {
  readonly docs: readonly BenchDoc[];
  /** Target kinds with no `valid` file in the corpus. */
  readonly missingKinds: readonly string[];
}

/** `kubeflow.org/v1/PyTorchJob` -> `kubeflow.org_v1_PyTorchJob`: a file-name-safe kind tag. */
export function kindTag(key: string): string {
  return key.replaceAll('/', '_');
}

/** The glob that yaml-language-server's `yaml.schemas` gets for one kind's small files. */
export function kindGlob(key: string): string {
  return `*${kindTag(key)}__*.yaml`;
}

/** Picks `count` files labelled `valid` of the target kinds from MANIFEST.tsv, round-robin over kinds. */
export function selectDocs(corpusDir: string, count: number, kinds: readonly string[] = JOB_KINDS): Selection {
  const byKind = readManifest(corpusDir, kinds);
  const missingKinds = kinds.filter((k) => (byKind.get(k)?.length ?? 0) === 0);
  const docs: BenchDoc[] = [];
  for (let round = 0; docs.length < count; round++) {
    const before = docs.length;
    for (const key of kinds) {
      const path = byKind.get(key)?.[round];
      if (path === undefined || docs.length >= count) continue;
      const text = withFinalNewline(readFileSync(join(corpusDir, path), 'utf8'));
      const uri = `file:///bench/small/${kindTag(key)}__${String(docs.length).padStart(2, '0')}-${basename(path)}`;
      docs.push({ key, source: path, text, uri, name: findName(text, path) });
    }
    if (docs.length === before) break;
  }
  return { docs, missingKinds };
}

function readManifest(corpusDir: string, kinds: readonly string[]): Map<string, string[]> {
  const [header, ...rows] = readFileSync(join(corpusDir, 'MANIFEST.tsv'), 'utf8').split('\n').filter((l) => l !== '');
  const cols = (header ?? '').split('\t');
  const col = (name: string): number => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`MANIFEST.tsv has no column ${name}`);
    return i;
  };
  const [source, path, kind, expect] = [col('source'), col('path'), col('kind'), col('expect')];
  const targets = new Set<string>(kinds);
  const byKind = new Map<string, string[]>();
  for (const row of rows) {
    const f = row.split('\t');
    const k = f[kind] ?? '';
    if (f[expect] !== 'valid' || !targets.has(k)) continue;
    const list = byKind.get(k) ?? [];
    list.push(`${f[source] ?? ''}/${f[path] ?? ''}`);
    byKind.set(k, list);
  }
  for (const list of byKind.values()) list.sort();
  return byKind;
}

/** Where metadata.name's (or generateName's) value is in a one-document text. */
export function findName(text: string, where: string): NameSpot {
  const doc = parseDocument(text);
  const named = doc.getIn(['metadata', 'name'], true);
  const node = isScalar(named) ? named : doc.getIn(['metadata', 'generateName'], true);
  if (!isScalar(node) || node.range === undefined || node.range === null) throw new Error(`${where}: no metadata.name or generateName to edit`);
  return { start: node.range[0], end: node.range[1], value: String(node.value) };
}

/** `text` with the name at `spot` replaced by `value`. */
export function withName(text: string, spot: NameSpot, value: string): string {
  return text.slice(0, spot.start) + value + text.slice(spot.end);
}

/** The i-th edit of a document: its name gets a new suffix each time, so every edit changes the text. */
export function edited(text: string, spot: NameSpot, i: number): string {
  return withName(text, spot, `${spot.value}-e${i}`);
}

export interface BigFile {
  readonly text: string;
  readonly lines: number;
  readonly documents: number;
  /** The metadata.name of the document in the middle of the file, where the edits go. */
  readonly middle: NameSpot;
}

/**
 * The set repeated, each document after a `---`, until the text has at least `minLines` lines.
 * Each copy gets its own metadata.name (`<name>-c<copy>`), so no two documents are equal. Each
 * document starts with `# yaml-language-server: $schema=<uri>` when `schemaUri` gives one: that
 * modeline is per document in yaml-language-server, the only way it routes a multi-kind file.
 */
export function buildBigFile(docs: readonly BenchDoc[], minLines: number, schemaUri: (key: string) => string | undefined): BigFile {
  const chunks: { text: string; name: NameSpot }[] = [];
  let lines = 0;
  for (let copy = 1; lines < minLines && docs.length > 0; copy++) {
    for (const d of docs) {
      const value = `${d.name.value}-c${copy}`;
      const renamed = withName(d.text, d.name, value);
      const body = dropLeadingMarker(renamed);
      const schema = schemaUri(d.key);
      const head = `---\n${schema === undefined ? '' : `# yaml-language-server: $schema=${schema}\n`}`;
      const text = head + body;
      // The dropped marker, if any, came before the name.
      const at = head.length + d.name.start - (renamed.length - body.length);
      chunks.push({ text, name: { start: at, end: at + value.length, value } });
      lines += countLines(text);
    }
  }
  const mid = Math.floor(chunks.length / 2);
  let offset = 0;
  for (let i = 0; i < mid; i++) offset += chunks[i]!.text.length;
  const middleChunk = chunks[mid]!;
  const middle = { start: offset + middleChunk.name.start, end: offset + middleChunk.name.end, value: middleChunk.name.value };
  const text = chunks.map((c) => c.text).join('');
  if (text.slice(middle.start, middle.end) !== middle.value) throw new Error('bench: lost track of the middle document name');
  return { text, lines: countLines(text), documents: chunks.length, middle };
}

/** Drops a `---` that opens the text (after comments or blank lines), since the bench writes its own. */
function dropLeadingMarker(text: string): string {
  const m = /^(?:[ \t]*(?:#[^\n]*)?\n)*---[ \t]*\n/.exec(text);
  return m === null ? text : text.slice(0, m[0].lastIndexOf('---')) + text.slice(m[0].length);
}

function withFinalNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

export function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
