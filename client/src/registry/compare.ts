// The compare panel's host: builds the comparison of two versions (their runs' metrics read from a
// local MLflow file store when there is one), answers every `ready` with it, and deploys the
// version a column's button asks for.
import { join } from 'node:path';
import type { FromCompare, ModelVersion, ToCompare } from '../../../protocol';
import { LocalRegistry } from '../../../core/registry/local/provider';
import type { RegistryProvider } from '../../../core/registry/provider';
import type { Ctx } from '../ctx';
import { openWebview } from '../webview/panel';
import { assertNever, messageValidator } from '../webview/validate';
import { buildComparison, readRunMetrics } from './comparison';
import { deployVersion } from './deployFile';
import { workspacePath } from './hub';

export const COMPARE_VIEW_TYPE = 'mlops.compareVersions';

export const validateFromCompare = messageValidator<FromCompare>({
  ready: () => ({ type: 'ready' }),
  invalid: (f) => (typeof f['error'] === 'string' ? { type: 'invalid', error: f['error'] } : 'error must be a string'),
  deploy: (f) => {
    const column = f['column'];
    return typeof column === 'number' && Number.isInteger(column) && column >= 0 ? { type: 'deploy', column } : 'column must be a column index';
  },
});

/** File stores that may hold the versions' runs: the registry's own folder, and the workspace's mlruns. */
function runStores(provider: RegistryProvider): string[] {
  const stores: string[] = [];
  if (provider instanceof LocalRegistry) stores.push(provider.root);
  const ws = workspacePath();
  if (ws !== undefined) stores.push(join(ws, 'mlruns'));
  return [...new Set(stores)];
}

export async function comparisonOf(provider: RegistryProvider, versions: readonly ModelVersion[]): Promise<ToCompare> {
  const stores = runStores(provider);
  const metrics = await Promise.all(versions.map(async (v) => (v.runId === '' ? undefined : readRunMetrics(stores, v.runId))));
  return buildComparison(provider.label, versions, metrics);
}

/** Opens a panel comparing the versions. */
export async function openCompare(ctx: Ctx, provider: RegistryProvider, versions: readonly ModelVersion[]): Promise<void> {
  // Read once before the panel opens, so a registry error shows as a message, not an empty panel.
  let comparison = await comparisonOf(provider, versions);
  const title = `Compare ${versions.map((v) => `${v.name} v${v.version}`).join(' / ')}`;
  const view = openWebview<FromCompare, ToCompare>({ viewType: COMPARE_VIEW_TYPE, title, bundle: 'compare', validate: validateFromCompare, log: ctx.log }, ctx.extension.extensionUri);
  view.onMessage(async (message) => {
    switch (message.type) {
      case 'ready':
        // Read again: the versions may have changed while the panel was hidden.
        try {
          const fresh = await Promise.all(versions.map((v) => provider.getVersion(v.name, v.version)));
          comparison = await comparisonOf(provider, fresh);
          view.post(comparison);
        } catch (e) {
          view.post({ type: 'error', message: (e as Error).message });
        }
        break;
      case 'invalid':
        ctx.log.warn(`${COMPARE_VIEW_TYPE}: the page refused a message: ${message.error}`);
        break;
      case 'deploy': {
        const v = versions[message.column];
        if (v === undefined) throw new Error(`No version in column ${message.column}.`);
        await deployVersion(ctx, v, provider.label);
        break;
      }
      default:
        assertNever(message);
    }
  });
}
