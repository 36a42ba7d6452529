/**
 * GPU metrics: one sample of one GPU, the same shape from every source (nvidia-smi, the native
 * NVML sampler `gpu-sampler`, Prometheus/DCGM, the nodes of a Slurm job). `gpu-sampler` prints one
 * of these per GPU per interval as a JSON line; `mlops gpu watch --format jsonl` prints the same.
 * A metric the GPU or the source does not report is `null`, never 0.
 */

/** A process using a GPU. */
export interface GpuProcessSample {
  readonly pid: number;
  /** The process name or command, as the source reports it (may be empty). */
  readonly name: string;
  /** GPU memory the process uses, MiB; null when not reported. */
  readonly usedMiB: number | null;
}

/** One GPU at one moment. */
export interface GpuSample {
  /** Milliseconds since the Unix epoch when the sample was taken. */
  readonly ts: number;
  /** The node (hostname) the GPU is in. */
  readonly host: string;
  /** The GPU's index on its node (nvidia-smi's / NVML's index). */
  readonly index: number;
  /** `GPU-...`; null when not reported. */
  readonly uuid: string | null;
  /** Product name, such as `NVIDIA H200`. */
  readonly name: string;
  /** GPU (SM) utilization, percent. */
  readonly utilPct: number | null;
  /** Memory controller utilization, percent. */
  readonly memUtilPct: number | null;
  readonly memUsedMiB: number | null;
  readonly memTotalMiB: number | null;
  readonly tempC: number | null;
  readonly powerW: number | null;
  /** The enforced power limit, W. */
  readonly powerLimitW: number | null;
  readonly smClockMHz: number | null;
  readonly memClockMHz: number | null;
  /** PCIe throughput, KiB/s (NVML's unit; DCGM's bytes are converted). */
  readonly pcieTxKiBps: number | null;
  readonly pcieRxKiBps: number | null;
  /** NVLink throughput summed over links, KiB/s. */
  readonly nvlinkTxKiBps: number | null;
  readonly nvlinkRxKiBps: number | null;
  /** The last XID error code seen (DCGM_FI_DEV_XID_ERRORS); null when none or not reported. */
  readonly xid: number | null;
  /** Processes on this GPU; null when the source does not list them. */
  readonly processes: readonly GpuProcessSample[] | null;
  /** The Kubernetes pod using this GPU, where the source knows it (DCGM exporter's pod labels); absent otherwise. */
  readonly pod?: GpuPodRef;
}

/** A Kubernetes pod (and container) that a GPU is assigned to. */
export interface GpuPodRef {
  readonly namespace: string;
  readonly name: string;
  readonly container?: string;
}

/** Where samples come from; `mlops gpu watch --source` spells these nvidia-smi, nvml, prometheus=URL, slurm=JOBID. */
export type GpuSourceSpec =
  | { readonly kind: 'nvidia-smi' }
  | { readonly kind: 'nvml' }
  | { readonly kind: 'prometheus'; readonly url: string }
  | { readonly kind: 'slurm'; readonly jobId: string };

/** What `gpu-sampler` prints (exit code 3) when NVML cannot be loaded, as one JSON line on stderr. */
export interface GpuSamplerError {
  readonly error: 'nvml-missing' | 'nvml-init' | 'no-gpu' | 'usage';
  readonly message: string;
}
