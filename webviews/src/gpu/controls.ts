// The dashboard's fixed parts: the source line (with its state and "Change source…"), the
// controls (node, GPU, time window, pause, CSV export), the error banner and the empty state.
// Built once; later changes set text and options, never rebuild.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { DashboardAction, DashboardSource } from '../../../protocol';

/** The time windows offered, ms. */
export const WINDOWS: readonly (readonly [number, string])[] = [
  [60_000, '1 min'],
  [5 * 60_000, '5 min'],
  [15 * 60_000, '15 min'],
];

const ACTION_LABELS: Readonly<Record<DashboardAction, string>> = {
  pickPrometheus: 'Pick a Prometheus server…',
  pickSlurmJob: 'Pick a Slurm job…',
  retry: 'Look again',
  openSettings: 'GPU settings',
};

export const ALL = '*';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ''): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  e.textContent = text;
  return e;
}

function button(text: string, secondary: boolean, onClick: () => void): HTMLElement {
  const b = el('vscode-button', '', text);
  if (secondary) b.setAttribute('secondary', '');
  b.addEventListener('click', onClick);
  return b;
}

function select(label: string, className: string): { readonly wrap: HTMLElement; readonly select: VscodeSingleSelect } {
  const wrap = el('label', `control ${className}`);
  wrap.append(el('span', 'control-label', label));
  const s = el('vscode-single-select', '');
  wrap.append(s);
  return { wrap, select: s };
}

function option(value: string, label: string): HTMLElement {
  const o = el('vscode-option', '', label);
  o.setAttribute('value', value);
  return o;
}

export interface ControlEvents {
  onChangeSource(): void;
  onAction(action: DashboardAction): void;
  onFilter(host: string | null, index: number | null): void;
  onWindow(ms: number): void;
  onPause(paused: boolean): void;
  onExport(): void;
}

export class Controls {
  private readonly sourceLabel = el('span', 'source-label', 'Connecting…');
  private readonly sourceState = el('vscode-badge', 'source-state');
  private readonly banner = el('div', 'banner error');
  private readonly bannerText = el('span', '');
  private readonly empty = el('div', 'empty');
  private readonly emptyReason = el('p', 'empty-reason');
  private readonly emptyActions = el('div', 'empty-actions');
  private readonly host = select('Node', 'host-picker');
  private readonly gpu = select('GPU', 'gpu-picker');
  private readonly pause: HTMLElement;
  private readonly hosts = new Set<string>();
  private readonly gpus = new Set<string>();
  private paused = false;

  constructor(parent: HTMLElement, private readonly events: ControlEvents, windowMs: number, paused: boolean) {
    const toolbar = el('div', 'toolbar');
    const source = el('div', 'source');
    source.append(this.sourceLabel, this.sourceState, button('Change source…', true, () => { events.onChangeSource(); }));
    const controls = el('div', 'controls');
    this.host.select.append(option(ALL, 'All nodes'));
    this.gpu.select.append(option(ALL, 'All GPUs'));
    const windows = select('Window', 'window-picker');
    for (const [ms, label] of WINDOWS) windows.select.append(option(String(ms), label));
    windows.select.value = String(windowMs);
    windows.select.addEventListener('change', () => { events.onWindow(Number(windows.select.value)); });
    const filter = (): void => {
      const host = this.host.select.value;
      const gpu = this.gpu.select.value;
      events.onFilter(host === ALL || host === '' ? null : host, gpu === ALL || gpu === '' ? null : Number(gpu));
    };
    this.host.select.addEventListener('change', filter);
    this.gpu.select.addEventListener('change', filter);
    this.pause = button('Pause', false, () => {
      this.setPaused(!this.paused);
      events.onPause(this.paused);
    });
    this.setPaused(paused);
    controls.append(this.host.wrap, this.gpu.wrap, windows.wrap, this.pause, button('Export CSV…', true, () => { events.onExport(); }));
    toolbar.append(source, controls);
    this.banner.hidden = true;
    this.banner.append(this.bannerText, button('Look again', true, () => { events.onAction('retry'); }), button('Change source…', true, () => { events.onChangeSource(); }));
    this.empty.hidden = true;
    this.empty.append(el('h2', '', 'No GPU to show'), this.emptyReason, el('p', 'muted', 'What to try:'), this.emptyActions);
    parent.append(toolbar, this.banner, this.empty);
  }

  /** Restores the node and GPU picked before a reload (once their options exist). */
  restoreFilter(host: string | null, index: number | null): void {
    if (host !== null) this.addHost(host);
    this.host.select.value = host ?? ALL;
    if (index !== null) this.addGpu(index);
    this.gpu.select.value = index === null ? ALL : String(index);
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.pause.textContent = paused ? 'Resume' : 'Pause';
    this.pause.toggleAttribute('secondary', !paused);
  }

  showSource(source: DashboardSource): void {
    this.empty.hidden = true;
    this.sourceLabel.textContent = source.label;
    this.sourceState.textContent = source.state;
    this.sourceState.dataset['state'] = source.state;
    this.banner.hidden = source.message === null;
    this.bannerText.textContent = source.message ?? '';
  }

  showEmpty(reason: string, actions: readonly DashboardAction[]): void {
    this.sourceLabel.textContent = 'No source';
    this.sourceState.textContent = 'no GPU';
    this.sourceState.dataset['state'] = 'error';
    this.banner.hidden = true;
    this.emptyReason.textContent = reason;
    this.emptyActions.replaceChildren(...actions.map((a, i) => button(ACTION_LABELS[a], i > 0, () => { this.events.onAction(a); })));
    this.empty.hidden = false;
  }

  /** Offers a node in the picker the first time one of its samples arrives. */
  addHost(host: string): void {
    if (this.hosts.has(host)) return;
    this.hosts.add(host);
    this.host.select.append(option(host, host));
  }

  addGpu(index: number): void {
    const key = String(index);
    if (this.gpus.has(key)) return;
    this.gpus.add(key);
    this.gpu.select.append(option(key, `GPU ${index}`));
  }
}
