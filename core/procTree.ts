// Process trees on Linux, read from /proc: what `cancel` must kill. A launcher started by
// core/process leads its own session (setsid), and every process it starts stays in that session
// unless it calls setsid itself; some launchers (Open MPI, torchrun) put ranks in process groups of
// their own, and orphaned ranks are re-parented to init. So the tree is: the session, the process
// group, and the descendants by parent pid, whichever of them still exist.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly sid: number;
  /** Start time in clock ticks since boot: with the pid, it names one process for its whole life. */
  readonly startTicks: number;
}

/** Parses /proc/PID/stat. The command name may hold spaces and parentheses: fields start after the last ')'. */
export function parseStat(text: string): ProcInfo | undefined {
  const close = text.lastIndexOf(')');
  const pid = Number.parseInt(text, 10);
  if (close < 0 || !Number.isInteger(pid)) return undefined;
  const f = text.slice(close + 2).split(' ');
  // f[0] state, f[1] ppid, f[2] pgrp, f[3] session, ... f[19] starttime.
  const ppid = Number(f[1]);
  const pgid = Number(f[2]);
  const sid = Number(f[3]);
  const startTicks = Number(f[19]);
  if (![ppid, pgid, sid, startTicks].every((n) => Number.isFinite(n))) return undefined;
  return { pid, ppid, pgid, sid, startTicks };
}

export function procInfo(pid: number): ProcInfo | undefined {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Every process this user can see (an empty list where there is no /proc). */
export function processTable(): ProcInfo[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const table: ProcInfo[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const info = procInfo(Number(name));
    if (info !== undefined) table.push(info);
  }
  return table;
}

/**
 * The root and everything of its tree that is alive in `table`: processes in a session or process
 * group led by a member, and children of members. `known` holds members of earlier scans (pid to
 * start time): a launcher's helper that made a session of its own (MPICH's proxy) and was
 * re-parented to init when the launcher exited is still found through it.
 */
export function treeMembers(root: number, table: readonly ProcInfo[], known: ReadonlyMap<number, number> = new Map()): number[] {
  const members = new Set<number>([root]);
  for (const p of table) if (known.get(p.pid) === p.startTicks) members.add(p.pid);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of table) {
      if (!members.has(p.pid) && (members.has(p.ppid) || members.has(p.sid) || members.has(p.pgid))) {
        members.add(p.pid);
        grew = true;
      }
    }
  }
  const alive = new Set(table.map((p) => p.pid));
  return [...members].filter((pid) => alive.has(pid));
}

/** Whether `pid` is still the process that started at `startTicks` (and not a zombie's reused number). */
export function isSameProcess(pid: number, startTicks: number): boolean {
  return procInfo(pid)?.startTicks === startTicks;
}

function signalAll(pids: Iterable<number>, signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Gone already, or not ours.
    }
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Kills the tree of `root`: SIGTERM to every member, then SIGKILL to whatever is left after
 * `graceMs` (members that ignore SIGTERM, or that appeared meanwhile). Resolves when none is left,
 * or after the SIGKILL round has had a second to take effect. Without /proc (macOS), signals the
 * process group.
 */
export async function killTree(root: number, graceMs = 3000): Promise<void> {
  if (processTable().length === 0) {
    signalGroup(root, 'SIGTERM');
    await sleep(graceMs);
    signalGroup(root, 'SIGKILL');
    return;
  }
  const known = new Map<number, number>();
  const alive = (): number[] => {
    const table = processTable();
    const members = treeMembers(root, table, known).filter((pid) => !isZombie(pid));
    for (const p of table) if (members.includes(p.pid)) known.set(p.pid, p.startTicks);
    return members;
  };
  // Each member gets one SIGTERM (a second one could cut short its own clean-up), members that
  // appear during the grace period get theirs when they are seen.
  const termed = new Set<number>();
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    const left = alive();
    if (left.length === 0) return;
    const fresh = left.filter((pid) => !termed.has(pid));
    for (const pid of fresh) termed.add(pid);
    signalAll(fresh, 'SIGTERM');
    await sleep(50);
  }
  const killDeadline = Date.now() + 1000;
  for (let left = alive(); left.length > 0 && Date.now() < killDeadline; left = alive()) {
    signalAll(left, 'SIGKILL');
    await sleep(20);
  }
}

function isZombie(pid: number): boolean {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    signalAll([pid], signal);
  }
}
