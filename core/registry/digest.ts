// The sha256 and size that registering a local file or folder records. Files are streamed, never
// read whole. A folder's sha256 is the sha256 of `sha256sum`-style lines ("<hex>  <path>\n") over
// its regular files, sorted by their relative path's UTF-8 bytes; symbolic links are left out. So
// it can be checked with coreutils:
//   (cd DIR && find . -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RegistryError, SHA256_TAG, SIZE_TAG } from './provider';

export interface Digest {
  readonly sha256: string;
  readonly size: number;
}

function sha256OfFile(path: string): Promise<string> {
  return new Promise((done, fail) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', fail)
      .on('end', () => {
        done(hash.digest('hex'));
      });
  });
}

/** Regular files under `dir`, as relative POSIX paths sorted by their UTF-8 bytes, with sizes. */
async function filesUnder(dir: string, prefix = ''): Promise<{ path: string; size: number }[]> {
  const out: { path: string; size: number }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await filesUnder(join(dir, entry.name), rel)));
    else if (entry.isFile()) out.push({ path: rel, size: (await lstat(join(dir, entry.name))).size });
  }
  return out.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}

/** The sha256 and size (bytes; a folder's: the sum of its files) of a local file or folder. */
export async function digestPath(path: string): Promise<Digest> {
  const info = await lstat(path);
  if (info.isFile()) return { sha256: await sha256OfFile(path), size: info.size };
  if (!info.isDirectory()) throw new RegistryError(`${path} is neither a file nor a folder: register the model's file or folder itself.`, 'invalid');
  const all = createHash('sha256');
  let size = 0;
  for (const file of await filesUnder(path)) {
    all.update(`${await sha256OfFile(join(path, file.path))}  ${file.path}\n`);
    size += file.size;
  }
  return { sha256: all.digest('hex'), size };
}

/** The local path a source names (a plain path or a file: URI), or undefined for a remote URI. */
export function localSourcePath(source: string, cwd: string): string | undefined {
  if (source.startsWith('file:')) return fileURLToPath(source.startsWith('file://') ? source : `file://${source.slice('file:'.length)}`);
  if (isAbsolute(source)) return source;
  // s3://, gs://, runs:/, models:/, pvc://, hf://...: not ours to read. A Windows drive is not a scheme.
  if (/^[a-z][a-z0-9+.-]+:/i.test(source)) return undefined;
  return resolve(cwd, source);
}

/**
 * A registration's source as the registry should record it (a local path made absolute), and the
 * digest tags of a local source. A local source that does not exist is the user's mistake, said so.
 */
export async function describeSource(source: string, cwd: string): Promise<{ source: string; tags: Record<string, string> }> {
  let path: string | undefined;
  try {
    path = localSourcePath(source, cwd);
  } catch (e) {
    throw new RegistryError(`The source ${source} is not a file: URI of this machine (${(e as Error).message}): use file:///absolute/path or a plain path.`, 'invalid');
  }
  if (path === undefined) return { source, tags: {} };
  try {
    const d = await digestPath(path);
    return { source: source.startsWith('file:') ? source : path, tags: { [SHA256_TAG]: d.sha256, [SIZE_TAG]: String(d.size) } };
  } catch (e) {
    if (e instanceof RegistryError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RegistryError(`The source ${path} does not exist: give the model's file or folder, or a URI such as s3://bucket/model.`, 'invalid');
    throw new RegistryError(`Could not read the source ${path}: ${(e as Error).message}`, 'io');
  }
}
