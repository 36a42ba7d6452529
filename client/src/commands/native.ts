import { showLaunchError } from '../jobs/trust';
import { buildNativeWorkloads } from '../native/build';
import { runNativeWorkload } from '../native/run';
import type { CommandTable } from './types';

/** The native workloads: build them, run one as a job. A failure is shown, not thrown at the command service. */
export const nativeCommands: CommandTable = {
  'mlops.buildNative': (ctx) => () => buildNativeWorkloads(ctx).catch((e: unknown) => showLaunchError(ctx, e)),
  'mlops.runNative': (ctx) => () => runNativeWorkload(ctx).catch((e: unknown) => showLaunchError(ctx, e)),
};
