/**
 * The GPU dashboard webview: what its host (client/src/gpu/) and its page (webviews/src/gpu/) say
 * to each other. The host runs the source and keeps recent samples; the page draws them.
 */
import type { GpuSample, GpuSourceSpec } from './gpu';
import type { WebviewInvalid, WebviewReady } from './webviews';

/** The source the dashboard shows, as the page displays it. */
export interface DashboardSource {
  /** What it is, such as `nvidia-smi on this machine` or `Slurm job 42 (2 nodes)`. */
  readonly label: string;
  /** null while looking for a local GPU. */
  readonly kind: GpuSourceSpec['kind'] | null;
  readonly state: 'starting' | 'live' | 'error' | 'stopped';
  /** The source's last error, with what to do; null while it works. */
  readonly message: string | null;
}

/** A way out of the empty state, offered as a button. */
export type DashboardAction = 'pickPrometheus' | 'pickSlurmJob' | 'retry' | 'openSettings';

/** Host to page. */
export type ToDashboard =
  /** The source now shown (sent on ready, and whenever it changes state). */
  | { readonly type: 'source'; readonly source: DashboardSource }
  /**
   * New samples, batched (at most one message per animation frame's worth). `replace`: the page
   * drops what it has first (on ready, and after the source changes).
   */
  | { readonly type: 'samples'; readonly samples: readonly GpuSample[]; readonly replace: boolean }
  /** No source: why (detectLocalSource's reason), and what to try. */
  | { readonly type: 'empty'; readonly reason: string; readonly actions: readonly DashboardAction[] };

/** Page to host. */
export type FromDashboard =
  | WebviewReady
  | WebviewInvalid
  /** Choose another source; `kind` opens that picker directly, null offers all of them. */
  | { readonly type: 'pickSource'; readonly kind: 'local' | 'prometheus' | 'slurm' | null }
  /** Save the samples of the last `windowMs` (of one node and GPU, or all when null) as CSV. */
  | { readonly type: 'exportCsv'; readonly windowMs: number; readonly host: string | null; readonly index: number | null }
  | { readonly type: 'action'; readonly action: DashboardAction };

/** What the page keeps across reloads (webview state), and what the host's serializer receives. */
export interface DashboardState {
  /** The time window of the charts, ms. */
  readonly windowMs: number;
  readonly paused: boolean;
  /** The node and GPU picked; null shows all. */
  readonly host: string | null;
  readonly index: number | null;
}
