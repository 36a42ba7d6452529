import { readFileSync, statSync } from 'node:fs';

/** Files above this are reported, never parsed (a guard against data dumps named *.yaml). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** The text of a file, or why it cannot be linted. */
export type SourceResult =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'unreadable' | 'binary' | 'too-large'; readonly reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a file as UTF-8 text, refusing what is not a regular, text, reasonably sized file. */
export function readSource(path: string): SourceResult {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return { kind: 'unreadable', reason: 'not a regular file' };
    size = st.size;
  } catch (e) {
    return { kind: 'unreadable', reason: errorReason(e) };
  }
  if (size > MAX_FILE_BYTES) {
    return { kind: 'too-large', reason: `${size} bytes, above the limit of ${MAX_FILE_BYTES}` };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return { kind: 'unreadable', reason: errorReason(e) };
  }
  if (bytes.includes(0)) return { kind: 'binary', reason: 'it contains NUL bytes' };
  try {
    const text = utf8.decode(bytes);
    return { kind: 'text', text: text.startsWith('\uFEFF') ? text.slice(1) : text };
  } catch {
    return { kind: 'binary', reason: 'it is not valid UTF-8' };
  }
}

function errorReason(e: unknown): string {
  if (e instanceof Error && 'code' in e && typeof e.code === 'string') {
    if (e.code === 'ENOENT') return 'it does not exist (a broken symbolic link?)';
    if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
    return `${e.code}: ${e.message}`;
  }
  return String(e);
}
