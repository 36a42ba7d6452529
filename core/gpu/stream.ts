// A long-running tool whose stdout is read as whole lines: nvidia-smi -lms, gpu-sampler, srun.
// Each chunk of whole lines is one batch (a tool prints one interval at a time). When the tool
// exits without being stopped, `onExit` gets what it said on stderr.
import type { Started } from '../process';
import { LineBuffer } from '../jobs/tail';
import type { ResolvedDeps } from './source';

export interface LineStream {
  /** Ends the tool (its whole process tree); resolves when it is gone. */
  stop(): Promise<void>;
}

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The last few KiB of its stderr. */
  readonly stderr: string;
}

const STDERR_KEEP = 4096;

function splitLines(text: string): string[] {
  return text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
}

/** Starts `command` and passes each batch of its stdout lines on; rejects when it cannot start. */
export async function streamLines(
  deps: ResolvedDeps,
  command: string,
  args: readonly string[],
  onBatch: (lines: readonly string[]) => void,
  onExit: (exit: ExitInfo) => void,
): Promise<LineStream> {
  const child: Started = await deps.start(command, args, { env: deps.env, graceMs: 1000 });
  let stopped = false;
  let stderr = '';
  const out = new LineBuffer();
  child.stdout.on('data', (b: Buffer) => {
    const lines = splitLines(out.push(b));
    if (lines.length > 0 && !stopped) onBatch(lines);
  });
  child.stderr.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString('utf8')).slice(-STDERR_KEEP);
  });
  void child.exited.then(({ code, signal }) => {
    const last = splitLines(out.flush());
    if (stopped) return;
    if (last.length > 0) onBatch(last);
    stopped = true;
    onExit({ code, signal, stderr: stderr.trim() });
  });
  return {
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await child.cancel();
    },
  };
}

/** `nvidia-smi exited with code 9: <its stderr>`, for an error message. */
export function describeExit(tool: string, exit: ExitInfo): string {
  const how = exit.signal === null ? `with code ${String(exit.code)}` : `on signal ${exit.signal}`;
  return `${tool} exited ${how}${exit.stderr === '' ? '' : `: ${exit.stderr}`}`;
}
