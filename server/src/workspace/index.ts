import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { splitDocuments } from '../engine/chunks';
import { pathOf } from '../engine/association';
import { readPlainYaml } from '../engine/plainYaml';
import { baseName, classify } from '../engine/classify';
import type { WorkspaceDocument, WorkspaceView } from '../engine/types';
import { isServedFileName } from '../services/fileKinds';
import { servingPublicFace } from '../rules/serving/workspaceFace';

/** Files above this are not indexed (the engine reports them; the index skips them). */
const MAX_INDEXED_BYTES = 2 * 1024 * 1024;
/** A workspace with more YAML files than this is indexed only up to it (a guard against huge trees). */
const MAX_INDEXED_FILES = 20_000;
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.venv', '__pycache__', '.dvc', 'dist', 'out']);

interface Chunk {
  readonly docs: readonly WorkspaceDocument[];
  /** What other files' rules can see of it: changes to this mean they must be checked again. */
  readonly signature: string;
}

interface Entry {
  readonly docs: readonly WorkspaceDocument[];
  readonly signature: string;
  /** Parsed documents by chunk text: an edit re-parses only the documents it changed. */
  readonly chunks: ReadonlyMap<string, Chunk>;
}


function record(v: unknown): Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function names(list: unknown): unknown[] {
  return Array.isArray(list) ? list.map((x) => record(x)['name']) : [];
}

/**
 * What other files' rules can see of a document: a WorkflowTemplate's name, templates and their
 * parameters; a params.yaml whole; the names and URI formats the serving rules read
 * (servingPublicFace). Other kinds are not looked up across files, so their edits never make
 * other files be checked again.
 */
function publicFace(d: WorkspaceDocument): unknown {
  if (d.kindKey === 'params.yaml') return d.value;
  const serving = servingPublicFace(d);
  if (serving !== undefined) return serving;
  if (!/\/(Cluster)?WorkflowTemplate$/.test(d.kindKey)) return null;
  const v = record(d.value);
  const templates = Array.isArray(record(v['spec'])['templates']) ? (record(v['spec'])['templates'] as unknown[]) : [];
  return [d.kindKey, record(v['metadata'])['name'], templates.map((t) => {
    const r = record(t);
    return [r['name'], names(record(record(r['inputs']))['parameters']), names(record(record(r['outputs']))['parameters'])];
  })];
}

/** Parsed chunks by file base name and text, across files: a bounded memo. */
const SHARED = new Map<string, Chunk>();
const MAX_SHARED = 20_000;

/**
 * A document the engine has just parsed, so that indexing its file does not parse it again.
 * Only single-document chunks that parsed cleanly come here (the engine's unit).
 */
export function rememberParsed(key: string, chunkText: string, kindKey: string | undefined, value: unknown): void {
  const docs: WorkspaceDocument[] = kindKey === undefined ? [] : [{ file: key, kindKey, value }];
  if (SHARED.size >= MAX_SHARED) SHARED.clear();
  SHARED.set(`${baseName(key)}\u0000${chunkText}`, { docs, signature: JSON.stringify(docs.map((d) => publicFace(d)).filter((f) => f !== null)) });
}

/** The documents of one chunk of text: kind key and value of each document that parses. */
function documentsOf(key: string, text: string): WorkspaceDocument[] {
  const out: WorkspaceDocument[] = [];
  const plain = readPlainYaml(text);
  if (plain !== undefined) {
    const kindKey = classify(key, plain.value);
    return kindKey === undefined ? out : [{ file: key, kindKey, value: plain.value }];
  }
  try {
    for (const doc of parseAllDocuments(text, { logLevel: 'silent', uniqueKeys: false, merge: true })) {
      if (doc.errors.length > 0) continue;
      const value: unknown = doc.toJS({ maxAliasCount: 1000 });
      const kindKey = classify(key, value);
      if (kindKey !== undefined) out.push({ file: key, kindKey, value });
    }
  } catch {
    // An alias bomb or a parser failure: the engine reports it; the index does without.
  }
  return out;
}

/**
 * The workspace's YAML documents by kind, for rules that look across files (an Argo templateRef
 * to a WorkflowTemplate of another file, the params.yaml of a dvc.yaml). Open documents override
 * what is on disk. Keys are URIs (file:) or paths, as the engine's.
 */
export class WorkspaceIndex implements WorkspaceView {
  private readonly files = new Map<string, Entry>();
  private readonly open = new Map<string, string>();

  /** Indexes every served file under these folders (paths or file: URIs). */
  scan(folders: readonly string[], asUri: boolean): void {
    let budget = MAX_INDEXED_FILES;
    const walk = (dir: string): void => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (budget <= 0) return;
        const path = join(dir, e.name);
        if (e.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(e.name)) walk(path);
        } else if (e.isFile() && isServedFileName(e.name)) {
          budget--;
          this.refreshFromDisk(asUri ? pathToFileURL(path).href : path);
        }
      }
    };
    for (const f of folders) {
      const path = pathOf(f);
      if (path !== undefined && existsSync(path)) walk(path);
    }
  }

  /** Re-reads a file from disk (or drops it when it is gone); false when nothing others see changed. */
  refreshFromDisk(key: string): boolean {
    if (this.open.has(key)) return false;
    const path = pathOf(key);
    let text: string | undefined;
    try {
      if (path !== undefined && statSync(path).size <= MAX_INDEXED_BYTES) text = readFileSync(path, 'utf8');
    } catch {
      text = undefined;
    }
    return text === undefined ? this.remove(key) : this.set(key, text);
  }

  /** An open document's text, which wins over the disk until it closes. */
  setOpen(key: string, text: string): boolean {
    this.open.set(key, text);
    return this.set(key, text);
  }

  closeOpen(key: string): boolean {
    this.open.delete(key);
    return this.refreshFromDisk(key);
  }

  private set(key: string, text: string): boolean {
    const previous = this.files.get(key);
    const chunks = new Map<string, Chunk>();
    for (const c of splitDocuments(text)) {
      let chunk = chunks.get(c.text) ?? previous?.chunks.get(c.text);
      if (chunk === undefined) {
        // The same document in another file (a copy, a file opened again under another name) is parsed once.
        const shared = `${baseName(key)}\u0000${c.text}`;
        const known = SHARED.get(shared);
        const docs = known === undefined ? documentsOf(key, c.text) : known.docs.map((d) => ({ ...d, file: key }));
        chunk = known === undefined ? { docs, signature: JSON.stringify(docs.map((d) => publicFace(d)).filter((f) => f !== null)) } : { docs, signature: known.signature };
        if (known === undefined) {
          if (SHARED.size >= MAX_SHARED) SHARED.clear();
          SHARED.set(shared, chunk);
        }
      }
      chunks.set(c.text, chunk);
    }
    const all = [...chunks.values()];
    const signature = all.map((c) => c.signature).join('\n');
    // A new file that shows others nothing (no WorkflowTemplate, no params.yaml...) changes nothing for them.
    const visible = all.some((c) => c.signature !== '[]');
    this.files.set(key, { docs: all.flatMap((c) => c.docs), signature, chunks });
    return previous === undefined ? visible : previous.signature !== signature;
  }

  private remove(key: string): boolean {
    return this.files.delete(key);
  }

  documentsOfKind(kindKey: string): readonly WorkspaceDocument[] {
    const out: WorkspaceDocument[] = [];
    for (const entry of this.files.values()) for (const d of entry.docs) if (d.kindKey === kindKey) out.push(d);
    return out;
  }

  /** Every indexed file. */
  fileKeys(): readonly string[] {
    return [...this.files.keys()];
  }

  /** Every indexed document, for navigation across files. */
  allDocuments(): readonly WorkspaceDocument[] {
    return [...this.files.values()].flatMap((e) => e.docs);
  }

  /** The text of a file beside another: the open document's, else the disk's. */
  readRelative(fileName: string, relative: string): string | undefined {
    const path = pathOf(fileName);
    if (path === undefined) return undefined;
    const target = resolve(dirname(path), relative);
    const asUri = fileName.startsWith('file:') ? pathToFileURL(target).href : target;
    const open = this.open.get(asUri);
    if (open !== undefined) return open;
    try {
      return statSync(target).size <= MAX_INDEXED_BYTES ? readFileSync(target, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  }

  /** The text of an indexed file: open, else from disk. */
  textOf(key: string): string | undefined {
    const open = this.open.get(key);
    if (open !== undefined) return open;
    const path = pathOf(key);
    try {
      return path === undefined ? undefined : readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }
}
