// Writes that are never seen half-done: a temporary file (or folder) beside the target, flushed to
// disk, then renamed over it; the folder is flushed too, so the rename survives a power cut.
// Temporary names start with `.tmp-`: the readers (ours and MLflow's, which looks only at
// `version-*` folders, at `meta.yaml` and inside `tags/` and `aliases/`) never take them for data.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A fresh `.tmp-` name in `dir` for `what`, unique across processes. */
export function tempPath(dir: string, what: string): string {
  return join(dir, `.tmp-${what}-${process.pid}-${randomBytes(6).toString('hex')}`);
}

/** Flushes a folder's entries (after a rename into it). */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a new file and flushes it to disk; fails if it exists. */
export async function writeNewFile(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `path` with `text` atomically. The temporary file goes in `tempDir` (same file system;
 * by default the target's folder): for tags and aliases it must be outside `tags/` and `aliases/`,
 * where MLflow reads every file as one.
 */
export async function writeFileAtomic(path: string, text: string, tempDir = dirname(path)): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPath(tempDir, basename(path));
  await writeNewFile(temp, text);
  try {
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  await syncDir(dirname(path));
}

/** Removes a file; a file already gone is fine. */
export async function removeFile(path: string): Promise<boolean> {
  try {
    await rm(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}
