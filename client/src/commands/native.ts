import { buildNativeWorkloads } from '../native/build';
import { runNativeWorkload } from '../native/run';
import { showLaunchError } from '../jobs/trust';
import type { Ctx } from '../ctx';
import type { CommandTable } from './types';

/** Runs an action; a failure is shown, not thrown at the command service. */
async function guarded<T>(ctx: Ctx, action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (e) {
    await showLaunchError(ctx, e);
    return undefined;
  }
}

/** The native workloads: build them, run one as a job. */
export const nativeCommands: CommandTable = {
  'mlops.buildNative': (ctx) => () => guarded(ctx, () => buildNativeWorkloads(ctx)),
  'mlops.runNative': (ctx) => () => guarded(ctx, () => runNativeWorkload(ctx)),
};
