// The allreduce run chart: busbw (out of place) against message size, on a log-2 size axis,
// redrawn once per animation frame as the host streams the job's rows in, with the rows below.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { BusbwSeries, FromNativeChart, ToNativeChart } from '../../../protocol';
import { assertNever, connect, type Bridge } from '../shared/bridge';
import { FrameLoop, onThemeChange, themeColor } from '../shared/chart';
import { type NativeChartState, nativeChartState, sizeLabel, toNativeChart } from './messages';
import './nativeChart.css';

class ChartPage {
  private series: BusbwSeries | undefined;
  private plot: uPlot | undefined;
  private readonly status: HTMLElement;
  private readonly chart: HTMLElement;
  private readonly table: HTMLTableSectionElement;
  private readonly bridge: Bridge<FromNativeChart, NativeChartState>;
  private readonly loop = new FrameLoop('native-chart-draw', () => {
    this.draw();
  });

  constructor(root: HTMLElement) {
    this.status = root.appendChild(document.createElement('p'));
    this.status.className = 'status';
    this.status.textContent = 'Waiting for the first results…';
    this.chart = root.appendChild(document.createElement('div'));
    this.chart.className = 'chart';
    const t = root.appendChild(document.createElement('table'));
    t.className = 'sizes';
    const head = t.createTHead().insertRow();
    for (const h of ['size', 'busbw (GB/s)']) head.appendChild(document.createElement('th')).textContent = h;
    this.table = t.createTBody();
    this.bridge = connect<ToNativeChart, FromNativeChart, NativeChartState>({
      incoming: toNativeChart,
      state: nativeChartState,
      onMessage: (m) => {
        this.receive(m);
      },
    });
    new ResizeObserver(() => {
      this.plot?.setSize({ width: this.width(), height: 260 });
    }).observe(this.chart);
    onThemeChange(() => {
      this.plot?.destroy();
      this.plot = undefined;
      this.loop.request();
    });
  }

  private receive(message: ToNativeChart): void {
    switch (message.type) {
      case 'series':
        this.series = message.series;
        this.bridge.save({ logY: false });
        this.loop.request();
        break;
      case 'error':
        this.status.textContent = message.message;
        this.status.classList.add('wrong');
        break;
      default:
        assertNever(message);
    }
  }

  private width(): number {
    return Math.max(240, this.chart.clientWidth);
  }

  private make(): uPlot {
    const axis = themeColor('--vscode-descriptionForeground', '#888');
    const grid = themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)');
    const opts: uPlot.Options = {
      width: this.width(),
      height: 260,
      cursor: { show: true, drag: { x: false, y: false } },
      // x is log2(size): one step per doubling, labelled with the size.
      scales: { x: { time: false }, y: { auto: true } },
      axes: [
        { stroke: axis, grid: { stroke: grid, width: 1 }, incrs: [1, 2, 4, 8], values: (_u, ticks) => ticks.map((t) => sizeLabel(2 ** t)), size: 32 },
        { stroke: axis, grid: { stroke: grid, width: 1 }, label: 'busbw (GB/s)', size: 56 },
      ],
      series: [{ label: 'size', value: (_u, v) => sizeLabel(2 ** v) }, { label: 'busbw', stroke: themeColor('--vscode-charts-blue', '#3794ff'), width: 2, points: { show: true, size: 5 }, value: (_u, v) => `${v.toFixed(2)} GB/s` }],
    };
    return new uPlot(opts, [[], []], this.chart);
  }

  private draw(): void {
    const s = this.series;
    if (s === undefined) return;
    this.plot ??= this.make();
    this.plot.setData([s.sizes.map((x) => Math.log2(x)), [...s.busbw]]);
    const peak = s.busbw.length === 0 ? 0 : Math.max(...s.busbw);
    this.status.textContent = `${s.label}: ${s.sizes.length} sizes, peak busbw ${peak.toFixed(2)} GB/s, ${s.wrong} wrong${s.done ? ' · done' : ' · running'}`;
    this.status.classList.toggle('wrong', s.wrong > 0);
    this.table.replaceChildren(
      ...s.sizes.map((size, i) => {
        const row = document.createElement('tr');
        row.appendChild(document.createElement('td')).textContent = sizeLabel(size);
        row.appendChild(document.createElement('td')).textContent = (s.busbw[i] ?? 0).toFixed(2);
        return row;
      }),
    );
  }
}

new ChartPage(document.body);
