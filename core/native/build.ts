// Builds native/: a plan from the toolchain that was found (pure, so it is tested without the
// tools), then one `make` per variant through core/process. Variants: gpu-sampler (plain C) in
// <out>/cpu/, the CPU set once per MPI in <out>/cpu/<mpi>/, the CUDA set with one MPI in
// <out>/cuda/<mpi>/. What cannot be built is skipped with the reason; <out>/build.json says
// what was built (NativeBuildReport).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MpiFlavor, NativeBuildReport, NativeProgram, NativeVariant } from '../../protocol';
import type { Runner } from '../jobs/backend';
import { probeToolchain, type MpiTool, type NcclLocation, type Toolchain } from './toolchain';

/** The programs of each set. */
export const NATIVE_PROGRAMS: readonly NativeProgram[] = ['allreduce-bench', 'softmax', 'jacobi', 'overlap'];

export interface BuildStep {
  /** What the step builds, in words: `CPU set with mpich`. */
  readonly what: string;
  /** `make` and its arguments (run in the source folder). */
  readonly args: readonly string[];
  /** The variant it builds; undefined for the sampler. */
  readonly variant?: NativeVariant;
}

export interface BuildPlan {
  readonly steps: readonly BuildStep[];
  readonly skipped: readonly { readonly what: string; readonly reason: string }[];
  readonly sampler: string | undefined;
  readonly nccl: NcclLocation | undefined;
}

export interface PlanOptions {
  /** native/ (the Makefile's folder). */
  readonly srcDir: string;
  readonly outDir: string;
  /** The MPI the CUDA set links (Open MPI when both are here, by default). */
  readonly cudaMpi?: MpiFlavor;
  /** Build only the CPU or only the CUDA set (the sampler goes with the CPU set). */
  readonly only?: 'cpu' | 'cuda';
  /** Parallel make jobs. */
  readonly jobs?: number;
}

function cpuSteps(tc: Toolchain, o: PlanOptions, base: readonly string[]): { steps: BuildStep[]; skipped: { what: string; reason: string }[] } {
  const steps: BuildStep[] = tc.mpis.map((m) => {
    const dir = join(o.outDir, 'cpu', m.flavor);
    return { what: `CPU set with ${m.flavor}`, args: [...base, 'cpu', `OUT=${dir}`, `MPICC=${m.mpicc}`], variant: { build: 'cpu', mpi: m.flavor, dir, programs: NATIVE_PROGRAMS } };
  });
  const skipped = tc.mpiMissing.map((m) => ({ what: `CPU set with ${m.flavor}`, reason: m.reason }));
  if (tc.cc === undefined) skipped.push({ what: 'gpu-sampler', reason: 'no C compiler (cc or gcc) on PATH' });
  else steps.unshift({ what: 'gpu-sampler', args: [...base, 'sampler', `OUT=${join(o.outDir, 'cpu')}`, `CC=${tc.cc}`] });
  return { steps, skipped };
}

function cudaMpiOf(tc: Toolchain, wanted: MpiFlavor | undefined): MpiTool | undefined {
  const order: MpiFlavor[] = wanted !== undefined ? [wanted] : ['openmpi', 'mpich'];
  for (const flavor of order) {
    const m = tc.mpis.find((x) => x.flavor === flavor);
    if (m !== undefined) return m;
  }
  return undefined;
}

function cudaStep(tc: Toolchain, o: PlanOptions, base: readonly string[]): BuildStep | { what: string; reason: string } {
  const what = 'CUDA set';
  if (tc.nvcc === undefined) return { what, reason: tc.nvccMissing ?? 'nvcc was not found' };
  if (tc.nccl === undefined) return { what, reason: tc.ncclMissing ?? 'NCCL was not found' };
  const mpi = cudaMpiOf(tc, o.cudaMpi);
  if (mpi === undefined) return { what, reason: o.cudaMpi === undefined ? 'no MPI to bootstrap NCCL with (the CUDA set needs MPICH or Open MPI)' : `${o.cudaMpi} is not here (${tc.mpiMissing.find((m) => m.flavor === o.cudaMpi)?.reason ?? 'not found'})` };
  const dir = join(o.outDir, 'cuda', mpi.flavor);
  return {
    what: `CUDA set with ${mpi.flavor} (nvcc ${tc.nvcc.path}, NCCL from ${tc.nccl.origin})`,
    args: [...base, 'cuda', `OUT=${dir}`, `MPICC=${mpi.mpicc}`, `NVCC=${tc.nvcc.path}`, `CUDA_HOME=${tc.nvcc.cudaHome}`, `NCCL_INC=${tc.nccl.include}`, `NCCL_LIB=${tc.nccl.lib}`, `MPI_CFLAGS=${mpi.includeFlags.join(' ')}`],
    variant: { build: 'cuda', mpi: mpi.flavor, dir, programs: NATIVE_PROGRAMS },
  };
}

/** What to build with this toolchain, and what not (with the reason). */
export function planNativeBuild(tc: Toolchain, o: PlanOptions): BuildPlan {
  if (tc.make === undefined) {
    return { steps: [], skipped: [{ what: 'everything', reason: 'make was not found on PATH (Debian: apt-get install build-essential)' }], sampler: undefined, nccl: tc.nccl };
  }
  const base = ['-C', o.srcDir, `-j${o.jobs ?? 2}`];
  const steps: BuildStep[] = [];
  const skipped: { what: string; reason: string }[] = [];
  if (o.only !== 'cuda') {
    const cpu = cpuSteps(tc, o, base);
    steps.push(...cpu.steps);
    skipped.push(...cpu.skipped);
  }
  if (o.only !== 'cpu') {
    const cuda = cudaStep(tc, o, base);
    if ('args' in cuda) steps.push(cuda);
    else skipped.push(cuda);
  }
  const sampler = steps.some((s) => s.what === 'gpu-sampler') ? join(o.outDir, 'cpu', 'gpu-sampler') : undefined;
  return { steps, skipped, sampler, nccl: tc.nccl };
}

export interface RunBuildOptions {
  readonly run: Runner;
  readonly env: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal;
  /** Each line of progress (what is built, make's output when it fails). */
  readonly log: (line: string) => void;
}

/** The last lines of a failed step's output: where the compiler says what is wrong. */
function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Runs the plan's steps in order (a failed step does not stop the others) and writes build.json. */
export async function runNativeBuild(plan: BuildPlan, outDir: string, o: RunBuildOptions): Promise<NativeBuildReport> {
  mkdirSync(outDir, { recursive: true });
  const variants: NativeVariant[] = [];
  const failed: { what: string; message: string }[] = [];
  let sampler: string | null = null;
  for (const s of plan.skipped) o.log(`skipped ${s.what}: ${s.reason}`);
  for (const step of plan.steps) {
    if (o.signal?.aborted === true) {
      failed.push({ what: step.what, message: 'cancelled' });
      continue;
    }
    o.log(`building ${step.what}`);
    const r = await o.run('make', step.args, { env: o.env, ...(o.signal === undefined ? {} : { signal: o.signal }) }).catch((e: unknown) => ({ code: 1, signal: null, stdout: '', stderr: e instanceof Error ? e.message : String(e) }));
    if (r.code !== 0) {
      const message = tail(`${r.stdout}\n${r.stderr}`);
      failed.push({ what: step.what, message });
      o.log(`FAILED ${step.what}:\n${message}`);
      continue;
    }
    if (step.variant !== undefined) {
      const { variant } = step;
      variants.push({ ...variant, programs: variant.programs.filter((p) => existsSync(join(variant.dir, p))) });
      o.log(`built ${step.what} in ${variant.dir}`);
    } else if (plan.sampler !== undefined && existsSync(plan.sampler)) {
      sampler = plan.sampler;
      o.log(`built gpu-sampler: ${plan.sampler}`);
    }
  }
  const nccl = plan.nccl === undefined ? null : { include: plan.nccl.include, lib: plan.nccl.lib, origin: plan.nccl.origin };
  const report: NativeBuildReport = { variants, sampler, nccl, skipped: plan.skipped, failed };
  writeFileSync(join(outDir, 'build.json'), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

/** One line per variant, skip and failure: what the build command prints at its end. */
export function describeReport(report: NativeBuildReport): string[] {
  return [
    ...report.variants.map((v) => `${v.build}/${v.mpi}: ${v.programs.join(', ')} in ${v.dir}`),
    ...(report.sampler === null ? [] : [`gpu-sampler: ${report.sampler}`]),
    ...report.skipped.map((s) => `skipped ${s.what}: ${s.reason}`),
    ...report.failed.map((f) => `failed ${f.what}`),
  ];
}

/** Finds the tools, plans and builds: what `npm run native:build` and the extension's command run. */
export async function buildNative(o: RunBuildOptions & Omit<PlanOptions, 'outDir'> & { readonly outDir: string; readonly wheelDirs?: readonly string[] }): Promise<NativeBuildReport> {
  const tc = await probeToolchain({ run: o.run, env: o.env, outDir: o.outDir, ...(o.wheelDirs === undefined ? {} : { wheelDirs: o.wheelDirs }) });
  const plan = planNativeBuild(tc, o);
  return runNativeBuild(plan, o.outDir, o);
}
