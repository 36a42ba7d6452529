// The terminal of a job task: a local job streams `[rank] line` and the terminal closes with the
// job's exit code; a cluster job is submitted and its logs followed until it ends. Terminating the
// task (or Ctrl+C in it) cancels the job.
import * as vscode from 'vscode';
import type { JobRecord, LaunchSpec } from '../../../protocol';
import { isFinal } from '../../../core/jobs/backend';
import type { OutputLine } from '../../../core/jobs/rankLogs';
import type { ClusterLaunch } from '../../../core/jobs/service';
import { absoluteManifest, confirmManifest } from './kube';
import type { JobsHub } from './hub';
import { requireTrust, showLaunchError, untrustedMessage } from './trust';

const DIM = '\x1b[2m';
const RED = '\x1b[31m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';
/** How often a cluster job is asked about once its logs have ended. */
const POLL_MS = 5000;
/** How often a followed cluster job's record is checked for a cancel from elsewhere. */
const CANCEL_CHECK_MS = 2000;

function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export class JobTerminal implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writer.event;
  readonly onDidClose = this.closer.event;
  private readonly abort = new AbortController();
  private jobId: string | undefined;
  private finished = false;

  constructor(
    private readonly hub: JobsHub,
    private readonly spec: LaunchSpec,
    private readonly cwd: string,
  ) {}

  open(): void {
    void this.run().then(
      (code) => {
        this.end(code);
      },
      (e: unknown) => {
        this.line(`${RED}${(e as Error).message}${RESET}`);
        void showLaunchError(this.hub.ctx, e);
        this.end(1);
      },
    );
  }

  /** The task was terminated or the terminal closed: the job goes with it. */
  close(): void {
    this.abort.abort();
    if (!this.finished) void this.cancel();
  }

  handleInput(data: string): void {
    if (data === '\x03' && !this.finished) {
      this.line(`${DIM}Cancelling...${RESET}`);
      void this.cancel();
    }
  }

  private async cancel(): Promise<void> {
    if (this.jobId === undefined) return;
    try {
      await this.hub.service.cancel(this.jobId);
      this.hub.changed();
    } catch (e) {
      this.hub.ctx.log.error(`Cancelling ${this.jobId}: ${(e as Error).message}`);
    }
  }

  private end(code: number): void {
    if (this.finished) return;
    this.finished = true;
    this.closer.fire(code);
  }

  private line(text: string): void {
    this.writer.fire(`${crlf(text)}\r\n`);
  }

  private async run(): Promise<number> {
    if (!requireTrust()) {
      this.line(`${RED}${untrustedMessage()}${RESET}`);
      return 1;
    }
    if (this.spec.kind === 'slurm' || this.spec.kind === 'kubernetes') return this.runCluster(this.spec);
    return this.runLocal(this.spec);
  }

  private async runLocal(spec: Exclude<LaunchSpec, ClusterLaunch>): Promise<number> {
    const job = await this.hub.launchLocal(spec, this.cwd, (l) => {
      this.output(l);
    });
    this.jobId = job.record.id;
    // Terminated while it was starting: it goes now.
    if (this.abort.signal.aborted) void this.cancel();
    this.line(`${DIM}${job.record.id}: ${job.record.ranks ?? 1} rank(s), logs in ${job.record.logDir ?? '?'}${RESET}`);
    const final = await job.done;
    this.hub.changed();
    return this.summary(final);
  }

  private output(l: OutputLine): void {
    const text = l.rank === undefined ? `${DIM}${l.text}${RESET}` : `[${l.rank}] ${l.text}`;
    this.line(l.stream === 'stderr' ? `${RED}${text}${RESET}` : text);
  }

  private summary(job: JobRecord): number {
    const code = job.state === 'COMPLETED' ? 0 : (job.exitCode ?? 1) || 1;
    const colour = code === 0 ? BOLD : RED;
    this.line(`${colour}${job.id} ${job.state}${job.reason === undefined ? '' : ` (${job.reason})`}${RESET}`);
    return code;
  }

  private async runCluster(spec: ClusterLaunch): Promise<number> {
    let toSubmit: ClusterLaunch | undefined = spec.kind === 'kubernetes' ? absoluteManifest(spec, this.cwd) : spec;
    if (toSubmit.kind === 'kubernetes' && toSubmit.force !== true) {
      this.line(`${DIM}Checking ${toSubmit.manifest}...${RESET}`);
      toSubmit = await confirmManifest(this.hub, toSubmit);
      if (toSubmit === undefined) {
        this.line(`${RED}Not submitted: the manifest has errors.${RESET}`);
        return 1;
      }
    }
    this.line(`${DIM}Submitting to ${spec.kind === 'slurm' ? 'Slurm' : 'Kubernetes'}...${RESET}`);
    const record = await this.hub.service.submit(toSubmit, this.cwd);
    this.jobId = record.id;
    this.hub.changed();
    if (this.abort.signal.aborted) void this.cancel();
    this.line(`${BOLD}Submitted ${record.id}${RESET} (${record.name})`);
    // Cancelled elsewhere (the view, the CLI): stop following, whatever the pods still print.
    const follow = new AbortController();
    const watch = setInterval(() => {
      if (this.abort.signal.aborted || this.stateOf(record.id) === 'CANCELLED') follow.abort();
    }, CANCEL_CHECK_MS);
    try {
      await this.hub.service.logs(record.id, {
        follow: true,
        signal: follow.signal,
        onText: (text) => {
          this.writer.fire(crlf(text));
        },
      });
    } finally {
      clearInterval(watch);
    }
    return this.summary(await this.untilFinal(record.id));
  }

  private stateOf(id: string): JobRecord['state'] | undefined {
    try {
      return this.hub.service.store.get(id)?.state;
    } catch {
      return undefined;
    }
  }

  /** Asks about the job until it has ended (its logs can end first), or the task is stopped. */
  private async untilFinal(id: string): Promise<JobRecord> {
    for (;;) {
      const { job } = await this.hub.service.refresh(id);
      if (isFinal(job.state) || this.abort.signal.aborted) return job;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
}
