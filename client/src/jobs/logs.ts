// A job's logs in an editor: a local job's output.log (or one rank's log), a Slurm job's output
// file, and otherwise (Kubernetes pods, a Slurm file not written yet) a read-only document fed by
// the job service's `logs(..., follow)` until the job ends or the document closes.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { JobRecord } from '../../../protocol';
import { isFinal } from '../../../core/jobs/backend';
import { logFileName } from '../../../core/jobs/rankLogs';
import type { JobsHub } from './hub';

export const LOG_SCHEME = 'mlops-job-log';
/** How often a followed log's document is told to re-read (at most). */
const UPDATE_MS = 250;

interface Feed {
  readonly id: string;
  text: string;
  readonly abort: AbortController;
  timer: NodeJS.Timeout | undefined;
}

function logUri(job: JobRecord, part: string | undefined): vscode.Uri {
  const name = `${job.name}${part === undefined ? '' : ` ${part}`}`.replace(/[^\w.-]+/g, '-');
  const query = new URLSearchParams({ id: job.id, backend: job.backend, ...(part === undefined ? {} : { part }) });
  return vscode.Uri.from({ scheme: LOG_SCHEME, path: `/${job.id.replace(/\//g, '_')}/${name}.log`, query: query.toString() });
}

export class JobLogDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly feeds = new Map<string, Feed>();
  private readonly closing: vscode.Disposable;
  private readonly storeChange: vscode.Disposable;

  constructor(private readonly hub: JobsHub) {
    this.closing = vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme !== LOG_SCHEME) return;
      const feed = this.feeds.get(doc.uri.toString());
      feed?.abort.abort();
      this.feeds.delete(doc.uri.toString());
    });
    // A job cancelled (here, or by the CLI) stops its followers, whatever its pods still print.
    this.storeChange = hub.onDidChange(() => {
      for (const feed of this.feeds.values()) {
        if (!feed.abort.signal.aborted && this.hub.service.store.get(feed.id)?.state === 'CANCELLED') feed.abort.abort();
      }
    });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const key = uri.toString();
    const feed = this.feeds.get(key) ?? this.start(uri);
    return feed.text;
  }

  private start(uri: vscode.Uri): Feed {
    const query = new URLSearchParams(uri.query);
    const id = query.get('id') ?? '';
    const feed: Feed = { id, text: '', abort: new AbortController(), timer: undefined };
    this.feeds.set(uri.toString(), feed);
    const part = query.get('part') ?? undefined;
    const backend = (query.get('backend') ?? undefined) as JobRecord['backend'] | undefined;
    const append = (text: string): void => {
      feed.text += text;
      feed.timer ??= setTimeout(() => {
        feed.timer = undefined;
        this.emitter.fire(uri);
      }, UPDATE_MS);
    };
    let follow = true;
    try {
      follow = !isFinal(this.hub.service.find(id, backend).state);
    } catch {
      // A cluster id the store never saw: follow it.
    }
    this.hub.service
      .logs(id, { follow, signal: feed.abort.signal, onText: append, ...(part === undefined ? {} : { part }) }, backend)
      .then(
        () => {
          if (feed.text === '') append('(no output)\n');
        },
        (e: unknown) => {
          append(`\n[MLOps] cannot read the logs of ${id}: ${(e as Error).message}\n`);
        },
      );
    return feed;
  }

  dispose(): void {
    for (const feed of this.feeds.values()) {
      feed.abort.abort();
      if (feed.timer !== undefined) clearTimeout(feed.timer);
    }
    this.feeds.clear();
    this.closing.dispose();
    this.storeChange.dispose();
    this.emitter.dispose();
  }
}

/** The file on disk that holds a job's (or a rank's) output, when there is one. */
function logFile(job: JobRecord, rank: number | undefined): string | undefined {
  if (job.backend === 'local' && job.logDir !== undefined) {
    const file = join(job.logDir, logFileName(rank));
    return existsSync(file) ? file : undefined;
  }
  if (job.backend === 'slurm' && job.outputFile !== undefined && existsSync(job.outputFile)) return job.outputFile;
  return undefined;
}

/** Opens a job's logs, or one rank's or pod's. */
export async function openLogs(job: JobRecord, part?: { readonly name: string; readonly rank?: number }): Promise<void> {
  const rank = job.backend === 'local' ? part?.rank : undefined;
  const file = logFile(job, rank);
  // A rank by its number, a pod by its name.
  const uri = file === undefined ? logUri(job, part === undefined ? undefined : (rank?.toString() ?? part.name)) : vscode.Uri.file(file);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  // The end of a log is what one wants to see.
  const last = doc.lineAt(Math.max(0, doc.lineCount - 1)).range.end;
  editor.revealRange(new vscode.Range(last, last));
}
