// Follows files that another process writes (a rank's output, a Slurm job's output file), as
// `tail -f` would: reads what is new at each tick, passes on whole lines, and stops when told the
// writer is done, after a last read.
import { open, stat } from 'node:fs/promises';

export interface FollowOptions {
  /** Called with each chunk of whole lines (each ends with \n); a last partial line comes at the end. */
  readonly onText: (text: string) => void;
  /** Resolves true once the writer is done; polled between reads. */
  readonly done: () => boolean | Promise<boolean>;
  readonly signal?: AbortSignal | undefined;
  /** Milliseconds between reads (250 by default). */
  readonly intervalMs?: number;
  /** Start reading at this byte (0 by default). */
  readonly from?: number;
}

/** Reads what `path` holds beyond `offset`; nothing when it does not exist (yet). */
export async function readFrom(path: string, offset: number): Promise<Buffer> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return Buffer.alloc(0);
  }
  if (size <= offset) return Buffer.alloc(0);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(size - offset);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Splits off the whole lines of a buffer; the rest waits for its newline. */
export class LineBuffer {
  private pending = '';
  private readonly decoder = new TextDecoder('utf-8');

  push(bytes: Uint8Array): string {
    const text = this.pending + this.decoder.decode(bytes, { stream: true });
    const end = text.lastIndexOf('\n') + 1;
    this.pending = text.slice(end);
    return text.slice(0, end);
  }

  /** The last partial line, with a newline added, or '' when there is none. */
  flush(): string {
    const rest = this.pending + this.decoder.decode();
    this.pending = '';
    return rest === '' ? '' : `${rest}\n`;
  }
}

const tick = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Follows `path` until `done()` (then reads once more) or the signal aborts. Returns the bytes read. */
export async function followFile(path: string, options: FollowOptions): Promise<number> {
  let offset = options.from ?? 0;
  const lines = new LineBuffer();
  const pass = async (): Promise<void> => {
    const bytes = await readFrom(path, offset);
    offset += bytes.length;
    const text = lines.push(bytes);
    if (text !== '') options.onText(text);
  };
  for (;;) {
    if (options.signal?.aborted === true) break;
    const finished = await options.done();
    await pass();
    if (finished) break;
    await tick(options.intervalMs ?? 250, options.signal);
  }
  const rest = lines.flush();
  if (rest !== '') options.onText(rest);
  return offset;
}
