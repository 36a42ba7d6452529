// Pure readers of what sbatch, squeue, scontrol and sacct print. No process is started here, so
// the unit tests feed them outputs captured from a real Slurm.
import type { JobState } from '../../protocol';

/** `squeue -o`: id, state, reason, node count, then the name last (a name may hold the separator). */
export const SQUEUE_FORMAT = '%i|%T|%r|%D|%j';

/** The job id that `sbatch --parsable` prints (`ID` or `ID;cluster`); undefined when there is none. */
export function parseSbatchId(stdout: string): string | undefined {
  const lines = stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const match = /^(\d+(?:_\d+)?)(?:;\S+)?$/.exec(lines.at(-1) ?? '');
  return match?.[1];
}

const STATES: ReadonlySet<string> = new Set<JobState>([
  'PENDING', 'CONFIGURING', 'RUNNING', 'COMPLETING', 'SUSPENDED', 'COMPLETED', 'FAILED', 'CANCELLED',
  'TIMEOUT', 'OUT_OF_MEMORY', 'NODE_FAIL', 'PREEMPTED', 'BOOT_FAIL', 'DEADLINE', 'UNKNOWN',
]);

/** Slurm's rarer states, told in the words of the common ones. */
const ALIASES: Readonly<Record<string, JobState>> = {
  REQUEUED: 'PENDING',
  REQUEUE_HOLD: 'PENDING',
  REQUEUE_FED: 'PENDING',
  RESV_DEL_HOLD: 'PENDING',
  RESIZING: 'RUNNING',
  SIGNALING: 'COMPLETING',
  STAGE_OUT: 'COMPLETING',
  STOPPED: 'SUSPENDED',
  SPECIAL_EXIT: 'FAILED',
  REVOKED: 'CANCELLED',
};

/** A state word as squeue, scontrol or sacct print it: `CANCELLED by 0` and `CANCELLED+` become `CANCELLED`. */
export function normaliseState(text: string): JobState {
  const word = (text.trim().split(/\s+/)[0] ?? '').replace(/\+$/, '').toUpperCase();
  if (STATES.has(word)) return word as JobState;
  return ALIASES[word] ?? 'UNKNOWN';
}

/**
 * A Slurm time (`2026-11-28T10:00:00`, in the local time zone of the tool) as ISO 8601 (UTC);
 * undefined for `Unknown`, `None`, `N/A` and anything else that is not a time.
 */
export function slurmTime(text: string | undefined): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(text?.trim() ?? '');
  if (m === null) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, s);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A word Slurm uses for "nothing here". */
function present(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v === undefined || v === '' || ['None', '(null)', 'Unknown', 'N/A'].includes(v) ? undefined : v;
}

export interface QueueRow {
  readonly id: string;
  readonly state: JobState;
  /** Why it waits (`Priority`, `Resources`...); absent when Slurm says `None`. */
  readonly reason?: string;
  readonly nodes?: number;
  readonly name: string;
}

/** The first row of `squeue -h -o SQUEUE_FORMAT`; undefined when squeue printed none. */
export function parseSqueue(stdout: string): QueueRow | undefined {
  const line = stdout.split('\n').find((l) => l.trim() !== '');
  if (line === undefined) return undefined;
  const [id = '', state = '', reason, nodes, ...name] = line.split('|');
  if (id === '' || state === '') return undefined;
  const n = Number(nodes);
  return {
    id: id.trim(),
    state: normaliseState(state),
    ...withValue('reason', present(reason)),
    ...(Number.isInteger(n) && n > 0 ? { nodes: n } : {}),
    name: name.join('|'),
  };
}

/** `{ [key]: value }` when the value is there, `{}` otherwise (strict optional properties). */
function withValue<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The object without its undefined fields, so that it fits optional properties. */
export function compact<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/**
 * The fields of `scontrol show job -o ID`: one line of `Key=Value` pairs. Values may hold spaces
 * (a job name, an output path), so a value runs to the next ` Key=`.
 */
export function parseScontrol(stdout: string): ReadonlyMap<string, string> | undefined {
  const line = stdout.split('\n').find((l) => l.startsWith('JobId='));
  if (line === undefined) return undefined;
  const fields = new Map<string, string>();
  const keys = [...line.matchAll(/(?:^| )([A-Za-z][\w:/]*)=/g)];
  keys.forEach((m, i) => {
    const start = m.index + m[0].length;
    const end = keys[i + 1]?.index ?? line.length;
    fields.set(m[1] ?? '', line.slice(start, end).trim());
  });
  return fields;
}

export interface ExitStatus {
  /** The exit code; absent when a signal ended the job. */
  readonly exitCode?: number;
  /** `exit code N` or `signal S`. */
  readonly reason: string;
}

/** Slurm's `ExitCode=N:S` (exit code, then the signal that ended it). */
export function parseExitCode(text: string | undefined): ExitStatus | undefined {
  const m = /^(\d+):(\d+)$/.exec(text?.trim() ?? '');
  if (m === null) return undefined;
  const code = Number(m[1]);
  const signal = Number(m[2]);
  return signal !== 0 ? { reason: `signal ${signal}` } : { exitCode: code, reason: `exit code ${code}` };
}

/** What scontrol says of a job, in the terms of a status update. */
export interface ControlView {
  readonly state: JobState;
  readonly reason?: string;
  readonly exit?: ExitStatus;
  readonly submittedAt?: string;
  readonly startedAt?: string;
  readonly endedAt?: string;
  readonly ranks?: number;
  readonly outputFile?: string;
}

export function controlView(fields: ReadonlyMap<string, string>): ControlView {
  const tasks = Number(fields.get('NumTasks'));
  const out = present(fields.get('StdOut'));
  return {
    state: normaliseState(fields.get('JobState') ?? ''),
    ...withValue('reason', present(fields.get('Reason'))),
    ...withValue('exit', parseExitCode(fields.get('ExitCode'))),
    ...withValue('submittedAt', slurmTime(fields.get('SubmitTime'))),
    ...withValue('startedAt', slurmTime(fields.get('StartTime'))),
    ...withValue('endedAt', slurmTime(fields.get('EndTime'))),
    ...(Number.isInteger(tasks) && tasks > 0 ? { ranks: tasks } : {}),
    // A path with a pattern left in it (a server that did not expand it) is no use to read.
    ...withValue('outputFile', out !== undefined && !out.includes('%') ? out : undefined),
  };
}

export interface AccountingRow {
  readonly state: JobState;
  readonly exit?: ExitStatus;
  readonly startedAt?: string;
  readonly endedAt?: string;
}

/** `sacct -j ID -n -P -X -o JobID,State,ExitCode,Start,End`: the allocation's row. */
export function parseSacct(stdout: string, id: string): AccountingRow | undefined {
  const rows = stdout.split('\n').filter((l) => l.trim() !== '').map((l) => l.split('|'));
  const row = rows.find((r) => r[0] === id) ?? rows[0];
  if (row === undefined || row.length < 3) return undefined;
  const [, state = '', exit, start, end] = row;
  return {
    state: normaliseState(state),
    ...withValue('exit', parseExitCode(exit)),
    ...withValue('startedAt', slurmTime(start)),
    ...withValue('endedAt', slurmTime(end)),
  };
}

/** sacct's answer where no slurmdbd keeps accounting (AccountingStorageType=accounting_storage/none). */
export function accountingDisabled(output: string): boolean {
  return /accounting storage is disabled/i.test(output);
}

/** squeue's and scontrol's answer for a job the controller does not hold (any more). */
export function invalidJobId(output: string): boolean {
  return /invalid job id/i.test(output);
}

/** The first line of a tool's complaint, without its `tool: error: ` prefix. */
export function firstError(output: string): string | undefined {
  const line = output.split('\n').map((l) => l.trim()).find((l) => l !== '');
  return line?.replace(/^[\w.-]+: (?:error: )?/, '');
}
