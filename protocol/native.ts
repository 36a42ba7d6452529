/**
 * The native workloads (native/): what their JSON lines say, what the build reports, and the
 * messages of the run chart. Every JSON line a workload prints starts with `{"bench":"NAME"`;
 * `allreduce-bench` also prints nccl-tests' table, which the parser reads the same way.
 */
import type { MpiFlavor } from './jobs';
import type { WebviewInvalid, WebviewReady } from './webviews';

/** The programs of native/. */
export type NativeProgram = 'allreduce-bench' | 'softmax' | 'jacobi' | 'overlap' | 'gpu-sampler';

/** Which device layer a program was built with. */
export type NativeBuildKind = 'cpu' | 'cuda';

/** One of the two measurements of a size: out of place or in place. */
export interface AllreduceCase {
  /** Microseconds per allreduce. */
  readonly timeUs: number;
  /** GB/s: bytes / time. */
  readonly algbw: number;
  /** GB/s: algbw * 2(n-1)/n. */
  readonly busbw: number;
  /** Elements that differ from the expected result; null when not checked (`N/A`). */
  readonly wrong: number | null;
}

/** One size of an allreduce sweep: a row of nccl-tests' table, or one `{"bench":"allreduce"}` line. */
export interface AllreduceRow {
  readonly bench: 'allreduce';
  /** Bytes. */
  readonly size: number;
  readonly count: number;
  readonly type: string;
  readonly redop: string;
  readonly root: number;
  /** Ranks of the run, when the line says (our JSON lines do; nccl-tests' rows do not). */
  readonly ranks: number | null;
  readonly oop: AllreduceCase;
  readonly ip: AllreduceCase;
}

/** `{"bench":"softmax"}`: one softmax run and its check. */
export interface SoftmaxResult {
  readonly bench: 'softmax';
  readonly build: NativeBuildKind;
  readonly n: number;
  readonly ranks: number;
  readonly timeMs: number;
  /** GB/s: x read three times and y written once per softmax. */
  readonly GBps: number;
  /** Device-to-device (or host memcpy) copy bandwidth, read + write, GB/s. */
  readonly copyGBps: number;
  readonly fractionOfCopy: number | null;
  /** Sum of the softmax over every element; null when not checked. */
  readonly sum: number | null;
  /** Max |parallel - serial|; null when not checked. */
  readonly maxAbsErr: number | null;
  readonly checked: boolean;
  readonly ok: boolean;
}

/** `{"bench":"jacobi-residual"}`: the residual every N iterations. */
export interface JacobiResidual {
  readonly bench: 'jacobi-residual';
  readonly iter: number;
  readonly residual: number;
}

/** `{"bench":"jacobi"}`: the run's summary. */
export interface JacobiResult {
  readonly bench: 'jacobi';
  readonly build: NativeBuildKind;
  readonly mode: 'single-process' | 'process-per-domain';
  readonly nx: number;
  readonly ny: number;
  readonly iters: number;
  readonly ranks: number;
  readonly timeMs: number;
  readonly residual: number;
  /** GB/s: two doubles moved per interior cell per iteration, over all domains. */
  readonly effGBps: number;
  readonly effGBpsPerDomain: number;
  readonly copyGBps: number;
  /** effGBpsPerDomain / copyGBps (the target on a GPU: at least 0.8). */
  readonly fractionOfCopy: number | null;
  readonly maxAbsDiff: number | null;
  readonly checked: boolean;
  readonly ok: boolean;
}

/** `{"bench":"overlap"}`: Jacobi without and with overlap of the halo exchange. */
export interface OverlapResult {
  readonly bench: 'overlap';
  readonly build: NativeBuildKind;
  readonly nx: number;
  readonly ny: number;
  readonly iters: number;
  readonly ranks: number;
  readonly timeNoOverlapMs: number;
  readonly timeOverlapMs: number;
  readonly speedup: number;
  readonly maxAbsDiff: number | null;
  readonly checked: boolean;
  readonly ok: boolean;
}

/** Anything the parser reads from a workload's output. */
export type NativeResult = AllreduceRow | SoftmaxResult | JacobiResidual | JacobiResult | OverlapResult;

/** One build of the CPU or CUDA set, with one MPI. */
export interface NativeVariant {
  readonly build: NativeBuildKind;
  readonly mpi: MpiFlavor;
  /** The folder that holds the programs. */
  readonly dir: string;
  readonly programs: readonly NativeProgram[];
}

/** What `npm run native:build` (and "MLOps: Build Native Workloads") built, in `<out>/build.json`. */
export interface NativeBuildReport {
  readonly variants: readonly NativeVariant[];
  /** gpu-sampler's path; null when it was not built. */
  readonly sampler: string | null;
  /** Where NCCL came from (NCCL_HOME, a system path, a pip wheel); null when not found. */
  readonly nccl: { readonly include: string; readonly lib: string; readonly origin: string } | null;
  /** What was not built, and why. */
  readonly skipped: readonly { readonly what: string; readonly reason: string }[];
  /** Steps that ran and failed (the compiler's message). */
  readonly failed: readonly { readonly what: string; readonly message: string }[];
}

/** One series of the run chart: busbw against message size of one job. */
export interface BusbwSeries {
  readonly jobId: string;
  readonly label: string;
  /** Bytes, ascending. */
  readonly sizes: readonly number[];
  /** Out-of-place busbw, GB/s, one per size. */
  readonly busbw: readonly number[];
  /** Elements wrong so far (out of place and in place). */
  readonly wrong: number;
  /** True once the job has ended. */
  readonly done: boolean;
}

/** Host to the run chart: the series so far, or why there is none (the job's output cannot be read). */
export type ToNativeChart = { readonly type: 'series'; readonly series: BusbwSeries } | { readonly type: 'error'; readonly message: string };

/** The run chart to the host. */
export type FromNativeChart = WebviewReady | WebviewInvalid;
