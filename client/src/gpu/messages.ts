// What the GPU dashboard's page may send its host, checked field by field on arrival.
import type { DashboardAction, FromDashboard } from '../../../protocol';
import { messageValidator, numberOrNull, oneOfField, stringField } from '../webview/validate';

const ACTIONS = ['pickPrometheus', 'pickSlurmJob', 'retry', 'openSettings'] as const satisfies readonly DashboardAction[];

/** The longest export window: what the host keeps. */
const MAX_WINDOW_MS = 24 * 3600_000;

export const validateFromDashboard = messageValidator<FromDashboard>({
  ready: () => ({ type: 'ready' }),
  invalid: (f) => {
    const error = stringField(f, 'error');
    return error === undefined ? 'error must be a string' : { type: 'invalid', error };
  },
  pickSource: (f) => {
    const kind = oneOfField(f, 'kind', ['local', 'prometheus', 'slurm', null] as const);
    return kind === undefined ? 'kind must be local, prometheus, slurm or null' : { type: 'pickSource', kind };
  },
  exportCsv: (f) => {
    const windowMs = numberOrNull(f, 'windowMs');
    const host = f['host'] === null ? null : stringField(f, 'host');
    const index = numberOrNull(f, 'index');
    if (windowMs === undefined || windowMs === null || windowMs <= 0 || windowMs > MAX_WINDOW_MS) return `windowMs must be a number of ms between 1 and ${MAX_WINDOW_MS}`;
    if (host === undefined) return 'host must be a string or null';
    if (index === undefined || (index !== null && (!Number.isInteger(index) || index < 0))) return 'index must be a GPU index or null';
    return { type: 'exportCsv', windowMs, host, index };
  },
  action: (f) => {
    const action = oneOfField(f, 'action', ACTIONS);
    return action === undefined ? `action must be one of ${ACTIONS.join(', ')}` : { type: 'action', action };
  },
});
