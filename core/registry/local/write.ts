// Writing MLflow's file-store layout the way MLflow does (PyYAML's safe_dump: block style, keys
// sorted, YAML 1.1 quoting, `null` for what is unset), and never half-way: a new model or version
// is written into a `.tmp-` folder and renamed into place, so it appears whole or not at all.
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { RegistryError } from '../provider';
import { syncDir, tempPath, writeFileAtomic, writeNewFile } from './atomic';
import { entries, modelDir, modelsDir, readMeta, versionNumbers } from './layout';

/** A meta.yaml's text as PyYAML's safe_dump(sort_keys=True, default_flow_style=False) writes it. */
export function metaText(fields: Readonly<Record<string, unknown>>): string {
  return stringify(fields, { version: '1.1', sortMapEntries: true, singleQuote: true, lineWidth: 0, nullStr: 'null' });
}

/** Writes a tag file inside a folder that nobody else sees yet (no temp file needed). */
async function writeTags(dir: string, tags: Readonly<Record<string, string>>): Promise<void> {
  for (const [key, value] of Object.entries(tags)) {
    const file = join(dir, 'tags', ...key.split('/'));
    await mkdir(join(file, '..'), { recursive: true });
    await writeNewFile(file, value);
  }
}

/** A rename failed because the target is there: Linux and macOS say EEXIST or ENOTEMPTY, Windows EPERM. */
async function taken(e: unknown, target: string): Promise<boolean> {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  if (code === 'EEXIST' || code === 'ENOTEMPTY') return true;
  if (code !== 'EPERM' && code !== 'EACCES') return false;
  try {
    await stat(target);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates `models/<name>` with its meta.yaml, atomically. Returns false when it already exists
 * (another process may have made it a moment ago).
 */
export async function createModelFolder(root: string, name: string, description: string | null, now: number): Promise<boolean> {
  await mkdir(modelsDir(root), { recursive: true });
  try {
    if ((await stat(modelDir(root, name))).isDirectory()) return false;
  } catch {
    // not there yet
  }
  const temp = tempPath(modelsDir(root), 'model');
  await mkdir(temp);
  try {
    await writeNewFile(join(temp, 'meta.yaml'), metaText({ aliases: {}, creation_timestamp: now, description, last_updated_timestamp: now, name }));
    await rename(temp, modelDir(root, name));
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    if (await taken(e, modelDir(root, name))) return false;
    throw e;
  }
  await syncDir(modelsDir(root));
  return true;
}

/** Called after the temp folder is complete and before it is published: the crash test's hook. */
export type BeforePublish = (tempDir: string) => Promise<void>;

/**
 * Publishes a new version folder: the version is written into a `.tmp-version-` folder, then renamed
 * to `version-<max+1>`; when another process took that number first (the rename fails because the
 * folder exists and is not empty), the meta.yaml is rewritten with the next number and it tries
 * again. Returns the number it got.
 */
export async function publishVersion(
  root: string,
  name: string,
  meta: (version: number) => Record<string, unknown>,
  tags: Readonly<Record<string, string>>,
  beforePublish?: BeforePublish,
): Promise<number> {
  const dir = modelDir(root, name);
  const temp = tempPath(dir, 'version');
  await mkdir(temp);
  try {
    await writeTags(temp, tags);
    let next = Math.max(0, ...(await versionNumbers(dir))) + 1;
    for (let attempt = 0; attempt < 10_000; attempt++) {
      await writeFileAtomic(join(temp, 'meta.yaml'), metaText(meta(next)));
      if (attempt === 0 && beforePublish !== undefined) await beforePublish(temp);
      try {
        await rename(temp, join(dir, `version-${next}`));
        await syncDir(dir);
        return next;
      } catch (e) {
        if (!(await taken(e, join(dir, `version-${next}`)))) throw e;
        next = Math.max(next, ...(await versionNumbers(dir))) + 1;
      }
    }
    throw new RegistryError(`Could not allocate a version number for '${name}' after 10000 tries: is something creating version folders in a loop?`, 'conflict');
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Rewrites a meta.yaml with some fields changed, keeping every other field as it was (newer MLflow
 * versions add fields we do not know). A meta.yaml that cannot be read is not overwritten.
 */
export async function updateMeta(file: string, change: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
  const meta = await readMeta(file);
  if (!meta.ok) throw new RegistryError(`${file}: ${meta.reason}. Fix or remove it, then try again.`, 'io');
  const next = { ...meta.data, ...change };
  await writeFileAtomic(file, metaText(next));
  return next;
}

/** Removes stale `.tmp-` folders that a crashed writer left (older than `ageMs`). */
export async function sweepTemps(dir: string, now: number, ageMs = 10 * 60_000): Promise<void> {
  for (const e of await entries(dir)) {
    if (!e.name.startsWith('.tmp-')) continue;
    try {
      if (now - (await stat(join(dir, e.name))).mtimeMs > ageMs) await rm(join(dir, e.name), { recursive: true, force: true });
    } catch {
      // another process swept it first
    }
  }
}
