// A fast live time-series chart: uPlot (canvas) over column buffers. Samples are appended to the
// buffers as they arrive, without drawing; a FrameLoop draws every chart that changed once per
// animation frame, so any number of samples between two frames cost one redraw. Old points are
// dropped in batches (amortized O(1) per sample), and nothing in the DOM is rebuilt per sample.
// Colours come from the theme's CSS variables and follow a theme change.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One line of a chart. */
export interface SeriesSpec {
  readonly label: string;
  /** A theme colour variable, such as `--vscode-charts-blue`. */
  readonly color: string;
  /** Drawn dashed (a limit or a total, beside the measured value). */
  readonly dashed?: boolean;
}

export interface ChartSpec {
  readonly title: string;
  /** Shown after values in the legend, such as `%` or `W`. */
  readonly unit: string;
  readonly series: readonly SeriesSpec[];
  /** A fixed y range (utilization is 0..100); the y axis follows the data when left out. */
  readonly range?: readonly [number, number];
  /** Points kept per series: the longest time window times the sample rate. */
  readonly capacity: number;
  readonly height?: number;
}

/** Columns of (x, y1, y2...) in time order; drops the oldest points when there are too many. */
export class SeriesBuffer {
  private readonly xs: number[] = [];
  private readonly ys: (number | null)[][];
  /** The columns as uPlot takes them: the same arrays, appended to in place. */
  readonly columns: [number[], ...(number | null)[][]];

  constructor(series: number, private readonly capacity: number) {
    this.ys = Array.from({ length: series }, (): (number | null)[] => []);
    this.columns = [this.xs, ...this.ys];
  }

  get length(): number {
    return this.xs.length;
  }

  /** Appends one point (x in seconds); a point older than the last one is ignored. */
  push(x: number, values: readonly (number | null)[]): boolean {
    const last = this.xs[this.xs.length - 1];
    if (last !== undefined && x < last) return false;
    this.xs.push(x);
    this.ys.forEach((column, i) => column.push(values[i] ?? null));
    // Splicing a quarter of the capacity at a time keeps the cost per point constant.
    if (this.xs.length > this.capacity * 1.25) {
      const drop = this.xs.length - this.capacity;
      this.xs.splice(0, drop);
      for (const column of this.ys) column.splice(0, drop);
    }
    return true;
  }

  clear(): void {
    this.xs.length = 0;
    for (const column of this.ys) column.length = 0;
  }
}

/** The value of a theme colour variable now (VS Code sets them on the page's root). */
export function themeColor(variable: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(variable).trim();
  return value === '' ? fallback : value;
}

function options(spec: ChartSpec, width: number): uPlot.Options {
  const axis = themeColor('--vscode-descriptionForeground', '#888');
  const grid = themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)');
  const range = spec.range;
  return {
    width,
    height: spec.height ?? 120,
    legend: { show: true, live: false },
    cursor: { show: false },
    scales: { x: { time: true }, y: range === undefined ? { auto: true } : { auto: false, range: () => [range[0], range[1]] } },
    axes: [
      { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, size: 28 },
      { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, size: 48 },
    ],
    series: [
      {},
      ...spec.series.map((s) => ({
        label: s.label,
        stroke: themeColor(s.color, '#3794ff'),
        width: 1.5,
        ...(s.dashed === true ? { dash: [4, 4] } : {}),
        points: { show: false },
        value: (_u: uPlot, v: number | null) => (v === null ? '–' : `${Math.round(v * 10) / 10}${spec.unit}`),
      })),
    ],
  };
}

/** A chart in `parent`: append with push(), draw with render() (from a FrameLoop). */
export class TimeSeriesChart {
  readonly buffer: SeriesBuffer;
  private plot: uPlot;
  private changed = true;
  private drawnRange: readonly [number, number] = [0, 0];
  private width: number;

  constructor(private readonly parent: HTMLElement, private readonly spec: ChartSpec) {
    this.buffer = new SeriesBuffer(spec.series.length, spec.capacity);
    this.width = Math.max(160, parent.clientWidth);
    this.plot = new uPlot(options(spec, this.width), this.buffer.columns, parent);
    this.plot.root.setAttribute('aria-label', spec.title);
  }

  /** Appends a point (time in ms since the epoch); drawn on the next render(). */
  push(ts: number, values: readonly (number | null)[]): void {
    if (this.buffer.push(ts / 1000, values)) this.changed = true;
  }

  /** Draws the time window [from, to] (ms) if the data or the window changed since the last draw. */
  render(from: number, to: number): boolean {
    const range: readonly [number, number] = [from / 1000, to / 1000];
    if (!this.changed && range[0] === this.drawnRange[0] && range[1] === this.drawnRange[1]) return false;
    this.changed = false;
    this.drawnRange = range;
    this.plot.batch(() => {
      this.plot.setData(this.buffer.columns, false);
      this.plot.setScale('x', { min: range[0], max: range[1] });
    });
    return true;
  }

  /** Follows the width of the parent (call from a ResizeObserver). */
  resize(): void {
    const width = Math.max(160, this.parent.clientWidth);
    if (width === this.width) return;
    this.width = width;
    this.plot.setSize({ width, height: this.spec.height ?? 120 });
  }

  /** Rebuilds the plot with the theme's colours now (after a theme change); the data stays. */
  restyle(): void {
    this.plot.destroy();
    this.plot = new uPlot(options(this.spec, this.width), this.buffer.columns, this.parent);
    this.changed = true;
  }

  clear(): void {
    this.buffer.clear();
    this.changed = true;
  }

  destroy(): void {
    this.plot.destroy();
  }
}

/**
 * Coalesces draw requests into one call per animation frame. The draw's duration is recorded as a
 * `performance` measure named `name`, which bench/ reads.
 */
export class FrameLoop {
  private pending = 0;
  private draws = 0;

  constructor(private readonly name: string, private readonly draw: () => void) {}

  request(): void {
    if (this.pending !== 0) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      const start = performance.now();
      this.draw();
      performance.measure(this.name, { start, end: performance.now() });
      // The timeline keeps every measure; an observer has seen them by now.
      if (++this.draws % 600 === 0) performance.clearMeasures(this.name);
    });
  }
}

/** Calls `onChange` when VS Code switches the theme (it changes the body's class). */
export function onThemeChange(onChange: () => void): void {
  new MutationObserver(onChange).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
