// The native workloads for the test suites: built once per test file into native/build/ (make is
// incremental, so the second file's build only checks), and run under a real mpiexec. A missing
// toolchain skips loudly on a developer's machine and fails in CI (.ci/run installs it).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { MpiFlavor, NativeBuildReport, NativeVariant } from '../../protocol';
import { buildNative } from '../../core/native/build';
import { run } from '../../core/process';

const IN_CI = process.env['CI'] === 'true';
export const NATIVE_SRC = resolve(__dirname, '..', '..', 'native');
export const NATIVE_OUT = join(NATIVE_SRC, 'build');

const builds = new Map<string, Promise<NativeBuildReport>>();

/** Builds the CPU or CUDA set (once per test file); the report says what was built and skipped. */
export function nativeBuild(only: 'cpu' | 'cuda'): Promise<NativeBuildReport> {
  let b = builds.get(only);
  if (b === undefined) {
    b = buildNative({ run, env: process.env, log: () => undefined, srcDir: NATIVE_SRC, outDir: NATIVE_OUT, only });
    builds.set(only, b);
  }
  return b;
}

/** Why `what` cannot be tested here (loud on a developer's machine), or undefined; throws in CI. */
export function skipOrFail(what: string, reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined;
  if (IN_CI) throw new Error(`${what}: ${reason}; CI must install it (.ci/run).`);
  console.warn(`SKIPPING ${what}: ${reason}`);
  return reason;
}

/** The variant of `build` with `mpi`, or why there is none (skipped or failed in the report). */
export function variantOf(report: NativeBuildReport, build: 'cpu' | 'cuda', mpi?: MpiFlavor): NativeVariant | string {
  const v = report.variants.find((x) => x.build === build && (mpi === undefined || x.mpi === mpi));
  if (v !== undefined) return v;
  const why = [...report.skipped.map((s) => `${s.what}: ${s.reason}`), ...report.failed.map((f) => `${f.what} failed:\n${f.message}`)];
  return `no ${build} build${mpi === undefined ? '' : ` with ${mpi}`} (${why.join('; ') || 'not planned'})`;
}

/** mpiexec's options for `np` ranks of this flavour on this machine (Open MPI as root, 2 cores). */
export function mpiexecArgs(flavor: MpiFlavor, np: number): string[] {
  return flavor === 'openmpi' ? ['--allow-run-as-root', '--oversubscribe', '-n', String(np)] : ['-n', String(np)];
}

/** Runs a built program under `mpiexec -n np` and returns what it printed. */
export function mpirun(variant: NativeVariant, np: number, program: string, args: readonly string[]): SpawnSyncReturns<string> {
  return spawnSync(`mpiexec.${variant.mpi}`, [...mpiexecArgs(variant.mpi, np), join(variant.dir, program), ...args], { encoding: 'utf8', timeout: 60_000 });
}
