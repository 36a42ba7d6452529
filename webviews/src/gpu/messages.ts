// What the dashboard's page accepts from its host, and the state it keeps across reloads:
// checked field by field on arrival (protocol/gpuDashboard.ts has the types).
import type { DashboardState, GpuSample, ToDashboard } from '../../../protocol';
import { array, bool, type Guard, nullable, num, object, oneOf, str, union } from '../shared/validate';

const processSample = object({ pid: num, name: str, usedMiB: nullable(num) });

export const gpuSample: Guard<GpuSample> = object({
  ts: num,
  host: str,
  index: num,
  uuid: nullable(str),
  name: str,
  utilPct: nullable(num),
  memUtilPct: nullable(num),
  memUsedMiB: nullable(num),
  memTotalMiB: nullable(num),
  tempC: nullable(num),
  powerW: nullable(num),
  powerLimitW: nullable(num),
  smClockMHz: nullable(num),
  memClockMHz: nullable(num),
  pcieTxKiBps: nullable(num),
  pcieRxKiBps: nullable(num),
  nvlinkTxKiBps: nullable(num),
  nvlinkRxKiBps: nullable(num),
  xid: nullable(num),
  processes: nullable(array(processSample)),
});

const sourceKind = nullable(oneOf('nvidia-smi', 'nvml', 'prometheus', 'slurm'));

export const toDashboard: Guard<ToDashboard> = union({
  source: { source: object({ label: str, kind: sourceKind, state: oneOf('starting', 'live', 'error', 'stopped'), message: nullable(str) }) },
  samples: { samples: array(gpuSample), replace: bool },
  empty: { reason: str, actions: array(oneOf('pickPrometheus', 'pickSlurmJob', 'retry', 'openSettings')) },
});

export const dashboardState: Guard<DashboardState> = object({
  windowMs: num,
  paused: bool,
  host: nullable(str),
  index: nullable(num),
});
