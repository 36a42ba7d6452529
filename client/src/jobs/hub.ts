// The window's jobs: one JobService on the shared job store (the CLI writes the same file), an
// event when the store changes, and the local jobs this window supervises, cancelled when the
// window goes so that no rank outlives it.
import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import { resolve } from 'node:path';
import * as vscode from 'vscode';
import type { JobRecord } from '../../../protocol';
import { isFinal } from '../../../core/jobs/backend';
import { createJobService } from '../../../core/jobs/create';
import type { LocalJob, LocalLaunch } from '../../../core/jobs/local';
import type { OutputLine } from '../../../core/jobs/rankLogs';
import type { JobService } from '../../../core/jobs/service';
import { isSameProcess, killTree } from '../../../core/procTree';
import type { Ctx } from '../ctx';
import { DebouncedEvent } from '../debouncedEvent';
import { launchCwd } from './format';

/** How long the store must stay quiet before the view reads it again. */
const DEBOUNCE_MS = 150;

export class JobsHub implements vscode.Disposable {
  private current: JobService;
  private watcher: FSWatcher | undefined;
  private readonly changes = new DebouncedEvent(DEBOUNCE_MS);
  /** Fires (debounced) when the job store changes, whoever changed it. */
  readonly onDidChange = this.changes.event;
  private readonly configListener: vscode.Disposable;

  constructor(readonly ctx: Ctx) {
    this.current = this.create();
    this.watch();
    this.configListener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mlops.jobs.stateDir') || e.affectsConfiguration('mlops.kubectl.path')) {
        this.current = this.create();
        this.watch();
        this.changed();
      }
    });
  }

  get service(): JobService {
    return this.current;
  }

  /** The kubectl the user set (`mlops.kubectl.path`). */
  get kubectl(): string {
    return vscode.workspace.getConfiguration('mlops').get<string>('kubectl.path') ?? 'kubectl';
  }

  /** Launches a local job supervised by this window. */
  async launchLocal(spec: LocalLaunch, cwd: string, onLine: (line: OutputLine) => void): Promise<LocalJob> {
    const job = await this.current.launch(spec, { cwd, onLine });
    this.changed();
    return job;
  }

  /** Tells the view to read the store again (soon, once). */
  changed(): void {
    this.changes.soon();
  }

  /** Local jobs still running under this window's supervision. */
  supervised(): JobRecord[] {
    try {
      return this.current.store.list().filter((j) => j.backend === 'local' && !isFinal(j.state) && j.local?.supervisorPid === process.pid);
    } catch {
      return [];
    }
  }

  /** Cancels the local jobs this window supervises (the window reloads or closes). */
  async shutdown(): Promise<void> {
    await Promise.all(this.supervised().map((j) => this.current.cancel(j.id).catch(() => undefined)));
  }

  private create(): JobService {
    const config = vscode.workspace.getConfiguration('mlops');
    const stateDir = config.get<string | null>('jobs.stateDir') ?? undefined;
    return createJobService({
      validate: async (file) => (await this.ctx.fileErrors(vscode.Uri.file(resolve(launchCwd(), file)).toString())).errors,
      stateDir: stateDir === '' ? undefined : stateDir,
      kubectl: this.kubectl,
    });
  }

  /** Watches the store's folder: the file is replaced by rename, so its folder is what changes. */
  private watch(): void {
    this.watcher?.close();
    this.watcher = undefined;
    const dir = this.current.store.dir;
    try {
      mkdirSync(dir, { recursive: true });
      this.watcher = watch(dir, (_event, name) => {
        if (name === null || name.startsWith('jobs.json')) this.changed();
      });
      this.watcher.on('error', (e) => {
        this.ctx.log.warn(`Watching the job store ${dir} failed: ${e.message}`);
      });
    } catch (e) {
      this.ctx.log.warn(`Cannot watch the job store ${dir}: ${(e as Error).message}; use Refresh in the Jobs view.`);
    }
  }

  dispose(): void {
    // The first SIGTERM goes out now, whatever the host does next; shutdown() (from deactivate) waits.
    for (const job of this.supervised()) {
      const ref = job.local;
      if (ref !== undefined && isSameProcess(ref.pid, ref.startTicks)) void killTree(ref.pid);
      const endedAt = new Date().toISOString();
      void this.current.store
        .update(job.id, (j) => (isFinal(j.state) ? j : { ...j, state: 'CANCELLED', reason: 'the window that supervised it closed', endedAt }))
        .catch(() => undefined);
    }
    this.watcher?.close();
    this.configListener.dispose();
    this.changes.dispose();
  }
}
