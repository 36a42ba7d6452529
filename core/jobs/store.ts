// The job store: one JSON file that the extension and the CLI share, so each sees the other's
// jobs, and cluster jobs outlive a window reload. Writers take a lock (a directory made
// atomically), read, change, and replace the file by rename, so a reader never sees half a file.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { JobRecord } from '../../protocol';

interface StoreFile {
  readonly version: 1;
  /** The number the next local job gets (`local-<n>`). */
  readonly nextLocal: number;
  readonly jobs: readonly JobRecord[];
}

const EMPTY: StoreFile = { version: 1, nextLocal: 1, jobs: [] };
/** A lock older than this was left by a process that died holding it. */
const STALE_LOCK_MS = 10_000;

/** The store's folder: $MLOPS_STATE_DIR, else $XDG_STATE_HOME/mlops-workbench, else ~/.local/state/mlops-workbench. */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['MLOPS_STATE_DIR'] !== undefined && env['MLOPS_STATE_DIR'] !== '') return env['MLOPS_STATE_DIR'];
  const base = env['XDG_STATE_HOME'] !== undefined && env['XDG_STATE_HOME'] !== '' ? env['XDG_STATE_HOME'] : join(homedir(), '.local', 'state');
  return join(base, 'mlops-workbench');
}

/** The store file is not one we can read: the message says which file and what to do. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
}

export class JobStore {
  readonly file: string;
  private readonly lockDir: string;

  constructor(readonly dir: string = defaultStateDir()) {
    this.file = join(dir, 'jobs.json');
    this.lockDir = join(dir, 'jobs.lock');
  }

  /** The folder where a job keeps its logs and generated files. */
  jobDir(id: string): string {
    return join(this.dir, 'jobs', id.replace(/[^A-Za-z0-9._-]+/g, '_'));
  }

  list(): JobRecord[] {
    return [...this.read().jobs];
  }

  get(id: string): JobRecord | undefined {
    return this.read().jobs.find((j) => j.id === id);
  }

  /** Adds a local job under the next `local-<n>` id. */
  async addLocal(make: (id: string) => JobRecord): Promise<JobRecord> {
    return this.change((file) => {
      const record = make(`local-${file.nextLocal}`);
      return [{ ...file, nextLocal: file.nextLocal + 1, jobs: [...file.jobs, record] }, record];
    });
  }

  /** Adds a job, or replaces the one with the same id (a cluster job submitted again). */
  async put(record: JobRecord): Promise<JobRecord> {
    return this.change((file) => [{ ...file, jobs: [...file.jobs.filter((j) => j.id !== record.id), record] }, record]);
  }

  /** Changes one job; undefined when it is not in the store. */
  async update(id: string, patch: (job: JobRecord) => JobRecord): Promise<JobRecord | undefined> {
    return this.change((file) => {
      const job = file.jobs.find((j) => j.id === id);
      if (job === undefined) return [file, undefined];
      const next = patch(job);
      return [{ ...file, jobs: file.jobs.map((j) => (j.id === id ? next : j)) }, next];
    });
  }

  async remove(id: string): Promise<void> {
    await this.change((file) => [{ ...file, jobs: file.jobs.filter((j) => j.id !== id) }, undefined]);
  }

  private read(): StoreFile {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY;
      throw new StoreError(`Cannot read the job store ${this.file}: ${(e as Error).message}`);
    }
    try {
      const parsed = JSON.parse(text) as Partial<StoreFile>;
      if (parsed.version !== 1 || !Array.isArray(parsed.jobs) || typeof parsed.nextLocal !== 'number') throw new Error('not a job store of this version');
      return parsed as StoreFile;
    } catch (e) {
      throw new StoreError(`The job store ${this.file} is damaged (${(e as Error).message}). Move it aside to start a new one; nothing else reads it.`);
    }
  }

  private async change<T>(f: (file: StoreFile) => [StoreFile, T]): Promise<T> {
    await this.lock();
    try {
      const [next, result] = f(this.read());
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(next, null, 1)}\n`);
      renameSync(tmp, this.file);
      return result;
    } finally {
      rmSync(this.lockDir, { recursive: true, force: true });
    }
  }

  private async lock(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const deadline = Date.now() + 5000;
    for (;;) {
      try {
        mkdirSync(this.lockDir);
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      if (this.lockIsStale()) {
        rmSync(this.lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new StoreError(`The job store ${this.dir} stays locked: remove ${this.lockDir} if no mlops process is running.`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private lockIsStale(): boolean {
    try {
      return Date.now() - statSync(this.lockDir).mtimeMs > STALE_LOCK_MS;
    } catch {
      return false;
    }
  }
}
