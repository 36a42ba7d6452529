// One GPU's card: its name and node, the latest readings, five live charts (utilization, memory,
// power against its limit, temperature, clocks) and its processes. Samples only go into the
// charts' buffers; render() (once per animation frame) draws and updates the text that changed.
import type { GpuProcessSample, GpuSample } from '../../../protocol';
import { TimeSeriesChart, type ChartSpec } from '../shared/chart';

/** Points kept per series: 15 minutes at 10 samples per second. */
const CAPACITY = 9000;
const CHART_HEIGHT = 96;

interface ChartDef {
  readonly spec: Omit<ChartSpec, 'capacity' | 'height'>;
  readonly values: (s: GpuSample) => readonly (number | null)[];
}

const gib = (mib: number | null): number | null => (mib === null ? null : mib / 1024);

/** The charts of a card, each with how its values are read from a sample. */
const CHARTS: readonly ChartDef[] = [
  {
    spec: { title: 'Utilization', unit: '%', range: [0, 100], series: [{ label: 'GPU', color: '--vscode-charts-blue' }, { label: 'Memory', color: '--vscode-charts-purple' }] },
    values: (s) => [s.utilPct, s.memUtilPct],
  },
  {
    spec: { title: 'Memory', unit: ' GiB', series: [{ label: 'Used', color: '--vscode-charts-green' }, { label: 'Total', color: '--vscode-descriptionForeground', dashed: true }] },
    values: (s) => [gib(s.memUsedMiB), gib(s.memTotalMiB)],
  },
  {
    spec: { title: 'Power', unit: ' W', series: [{ label: 'Draw', color: '--vscode-charts-orange' }, { label: 'Limit', color: '--vscode-charts-red', dashed: true }] },
    values: (s) => [s.powerW, s.powerLimitW],
  },
  {
    spec: { title: 'Temperature', unit: '°C', series: [{ label: 'GPU', color: '--vscode-charts-red' }] },
    values: (s) => [s.tempC],
  },
  {
    spec: { title: 'Clocks', unit: ' MHz', series: [{ label: 'SM', color: '--vscode-charts-yellow' }, { label: 'Memory', color: '--vscode-charts-purple' }] },
    values: (s) => [s.smClockMHz, s.memClockMHz],
  },
];

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ''): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  el.textContent = text;
  return el;
}

const fmt = (v: number | null, unit: string, digits = 0): string => (v === null ? '–' : `${v.toFixed(digits)}${unit}`);

/** The readings at the top of a card, from the latest sample. */
function readouts(s: GpuSample): readonly (readonly [string, string])[] {
  const mem = s.memUsedMiB === null ? '–' : `${(s.memUsedMiB / 1024).toFixed(1)}${s.memTotalMiB === null ? '' : ` / ${(s.memTotalMiB / 1024).toFixed(0)}`} GiB`;
  const power = s.powerW === null ? '–' : `${s.powerW.toFixed(0)}${s.powerLimitW === null ? '' : ` / ${s.powerLimitW.toFixed(0)}`} W`;
  return [
    ['util', fmt(s.utilPct, '%')],
    ['memory', mem],
    ['power', power],
    ['temp', fmt(s.tempC, '°C')],
    ['SM clock', fmt(s.smClockMHz, ' MHz')],
  ];
}

export class GpuCard {
  readonly root: HTMLElement;
  readonly charts: TimeSeriesChart[] = [];
  /** Whether the card is on screen (an IntersectionObserver sets it): off-screen cards do not draw. */
  onScreen = true;
  private latest: GpuSample | undefined;
  private drawn: GpuSample | undefined;
  private readonly values: HTMLElement[] = [];
  private readonly title: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly xid: HTMLElement;
  private readonly procSummary: HTMLElement;
  private readonly procBody: HTMLTableSectionElement;
  /** What the process list shows now; undefined before the first sample (an empty list is '' too). */
  private procKey: string | undefined;

  constructor(parent: HTMLElement, readonly host: string, readonly index: number) {
    this.root = element('section', 'card');
    this.root.dataset['gpu'] = `${host}/${index}`;
    const header = element('header', 'card-header');
    this.title = element('h2', 'card-title', `GPU ${index}`);
    this.subtitle = element('span', 'muted card-subtitle', host);
    this.xid = element('span', 'xid error');
    this.xid.hidden = true;
    header.append(this.title, this.subtitle, this.xid);
    const readout = element('div', 'readouts');
    for (const [label] of readouts(emptySample(host, index))) {
      const cell = element('div', 'readout');
      const value = element('span', 'readout-value', '–');
      this.values.push(value);
      cell.append(value, element('span', 'muted readout-label', label));
      readout.append(cell);
    }
    const charts = element('div', 'charts');
    for (const def of CHARTS) {
      const box = element('div', 'chart');
      box.append(element('h3', 'chart-title', def.spec.title));
      const plot = element('div', 'plot');
      box.append(plot);
      charts.append(box);
      this.charts.push(new TimeSeriesChart(plot, { ...def.spec, capacity: CAPACITY, height: CHART_HEIGHT }));
    }
    const procs = element('details', 'processes');
    this.procSummary = element('summary', '', 'Processes: not reported');
    const table = element('table', 'process-table');
    const head = element('thead', '');
    const row = element('tr', '');
    for (const h of ['PID', 'Name', 'Memory']) row.append(element('th', '', h));
    head.append(row);
    this.procBody = element('tbody', '');
    table.append(head, this.procBody);
    procs.append(this.procSummary, table);
    this.root.append(header, readout, charts, procs);
    parent.append(this.root);
  }

  /** Buffers a sample (drawn on the next render). */
  add(s: GpuSample): void {
    for (let i = 0; i < CHARTS.length; i++) this.charts[i]?.push(s.ts, CHARTS[i]?.values(s) ?? []);
    if (this.latest === undefined || s.ts >= this.latest.ts) this.latest = s;
  }

  clear(): void {
    for (const chart of this.charts) chart.clear();
    this.latest = undefined;
  }

  /** Draws the window [from, to] (ms) and updates the text that changed; false when nothing was drawn. */
  render(from: number, to: number): boolean {
    if (this.root.hidden || !this.onScreen) return false;
    let drew = false;
    for (const chart of this.charts) drew = chart.render(from, to) || drew;
    if (drew) {
      // The drawn frame, as attributes (what tests and people inspecting the page read): its right
      // edge, which stands still while paused, and how many points the charts hold.
      this.root.dataset['drawnTo'] = String(to);
      this.root.dataset['points'] = String(this.charts[0]?.buffer.length ?? 0);
    }
    const s = this.latest;
    if (s !== undefined && s !== this.drawn) {
      this.drawn = s;
      this.title.textContent = `GPU ${s.index} · ${s.name}`;
      this.subtitle.textContent = s.uuid === null ? s.host : `${s.host} · ${s.uuid}`;
      readouts(s).forEach(([, text], i) => {
        const el = this.values[i];
        if (el !== undefined && el.textContent !== text) el.textContent = text;
      });
      this.xid.hidden = s.xid === null;
      if (s.xid !== null) this.xid.textContent = `XID ${s.xid}`;
      this.renderProcesses(s.processes);
    }
    return drew;
  }

  private renderProcesses(processes: readonly GpuProcessSample[] | null): void {
    const key = processes === null ? 'null' : processes.map((p) => `${p.pid}:${p.name}:${p.usedMiB ?? ''}`).join('|');
    if (key === this.procKey) return;
    this.procKey = key;
    this.procSummary.textContent = processes === null ? 'Processes: not reported by this source' : `Processes (${processes.length})`;
    const rows = (processes ?? []).map((p) => {
      const row = element('tr', '');
      row.append(element('td', '', String(p.pid)), element('td', '', p.name), element('td', '', fmt(p.usedMiB, ' MiB')));
      return row;
    });
    this.procBody.replaceChildren(...rows);
  }

  resize(): void {
    for (const chart of this.charts) chart.resize();
  }

  restyle(): void {
    for (const chart of this.charts) chart.restyle();
  }

  destroy(): void {
    for (const chart of this.charts) chart.destroy();
    this.root.remove();
  }
}

/** A sample with nothing reported, for the readout labels before the first one arrives. */
function emptySample(host: string, index: number): GpuSample {
  return {
    ts: 0, host, index, uuid: null, name: '', utilPct: null, memUtilPct: null, memUsedMiB: null, memTotalMiB: null,
    tempC: null, powerW: null, powerLimitW: null, smClockMHz: null, memClockMHz: null, pcieTxKiBps: null,
    pcieRxKiBps: null, nvlinkTxKiBps: null, nvlinkRxKiBps: null, xid: null, processes: null,
  };
}
