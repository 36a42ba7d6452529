// Keeps a local job's output per rank: reads what the launcher and the ranks write, and writes
// `rank-<r>.log` for each rank and `output.log` with every line, rank lines marked `[r]`.
import { appendFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RankOutput } from './launchers';
import { splitPrefixed } from './launchers';
import { LineBuffer, readFrom } from './tail';

/** A line of a job's output: `rank` is undefined for the launcher's own lines. */
export interface OutputLine {
  readonly rank?: number;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

interface Source {
  readonly path: string;
  readonly rank: number;
  readonly stream: 'stdout' | 'stderr';
  offset: number;
  readonly lines: LineBuffer;
}

/** The per-rank files the MPI writes, as they exist now. */
function rankFiles(output: RankOutput): { path: string; rank: number; stream: 'stdout' | 'stderr' }[] {
  const found: { path: string; rank: number; stream: 'stdout' | 'stderr' }[] = [];
  const list = (dir: string): string[] => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  };
  if (output.kind === 'mpich') {
    for (const name of list(output.dir)) {
      const m = /^rank-(\d+)\.(out|err)$/.exec(name);
      if (m !== null) found.push({ path: join(output.dir, name), rank: Number(m[1]), stream: m[2] === 'out' ? 'stdout' : 'stderr' });
    }
  } else if (output.kind === 'openmpi') {
    for (const job of list(output.dir)) {
      for (const rankDir of list(join(output.dir, job))) {
        const m = /^rank\.(\d+)$/.exec(rankDir);
        if (m === null) continue;
        for (const stream of ['stdout', 'stderr'] as const) found.push({ path: join(output.dir, job, rankDir, stream), rank: Number(m[1]), stream });
      }
    }
  }
  return found;
}

/** A local job's log file in its log folder: every line (`output.log`), or one rank's (`rank-<r>.log`). */
export function logFileName(rank?: number): string {
  return rank === undefined ? 'output.log' : `rank-${rank}.log`;
}

export class RankLogs {
  private readonly sources = new Map<string, Source>();
  private readonly launcher = { stdout: new LineBuffer(), stderr: new LineBuffer() };
  private reading: Promise<void> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly output: RankOutput,
    private readonly onLine: (line: OutputLine) => void,
  ) {
    mkdirSync(dir, { recursive: true });
    // MPICH opens its per-rank files but does not make their folder.
    if (output.kind === 'mpich' || output.kind === 'openmpi') mkdirSync(output.dir, { recursive: true });
  }

  /** The combined log. */
  get outputFile(): string {
    return join(this.dir, logFileName());
  }

  rankFile(rank: number): string {
    return join(this.dir, logFileName(rank));
  }

  /** Bytes from the launcher's own stdout or stderr. */
  launcherBytes(stream: 'stdout' | 'stderr', bytes: Uint8Array): void {
    this.emitLauncher(stream, this.launcher[stream].push(bytes));
  }

  /** Reads what the ranks wrote since the last read. Reads never overlap: each waits for the one before. */
  poll(): Promise<void> {
    this.reading = this.reading.then(() => this.read());
    return this.reading;
  }

  private async read(): Promise<void> {
    for (const f of rankFiles(this.output)) {
      if (!this.sources.has(f.path)) this.sources.set(f.path, { ...f, offset: 0, lines: new LineBuffer() });
    }
    for (const s of this.sources.values()) {
      const bytes = await readFrom(s.path, s.offset);
      s.offset += bytes.length;
      this.emitRank(s.rank, s.stream, s.lines.push(bytes));
    }
  }

  /** The last read, and the partial lines that never got their newline. */
  async finish(): Promise<void> {
    await this.poll();
    for (const s of this.sources.values()) this.emitRank(s.rank, s.stream, s.lines.flush());
    for (const stream of ['stdout', 'stderr'] as const) this.emitLauncher(stream, this.launcher[stream].flush());
  }

  private emitLauncher(stream: 'stdout' | 'stderr', text: string): void {
    for (const line of splitLines(text)) {
      const worker = this.output.kind === 'prefixed' ? splitPrefixed(line) : undefined;
      if (worker !== undefined) this.write({ rank: worker.rank, stream, text: worker.text });
      else this.write({ stream, text: line });
    }
  }

  private emitRank(rank: number, stream: 'stdout' | 'stderr', text: string): void {
    for (const line of splitLines(text)) this.write({ rank, stream, text: line });
  }

  private write(line: OutputLine): void {
    if (line.rank !== undefined) appendFileSync(this.rankFile(line.rank), `${line.text}\n`);
    appendFileSync(this.outputFile, `${line.rank === undefined ? '' : `[${line.rank}] `}${line.text}\n`);
    this.onLine(line);
  }
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  return text.replace(/\n$/, '').split('\n');
}
