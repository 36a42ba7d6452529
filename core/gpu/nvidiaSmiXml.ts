// `nvidia-smi -q -x`: the full report of every GPU as XML, read for one-shot detail (processes,
// PCIe throughput) that the CSV query does not give. A small reader of the subset nvidia-smi
// writes: elements, attributes and text; the prolog, DOCTYPE and comments are skipped.
import type { GpuProcessSample, GpuSample } from '../../protocol';
import { csvNumber, csvText } from './nvidiaSmiCsv';

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e] ?? ''));
}

const TAG = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g;
const ATTR = /([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The document's root element; throws on text that is not well-formed XML of this subset. */
export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let at = 0;
  for (const m of text.matchAll(TAG)) {
    const top = stack[stack.length - 1] ?? root;
    top.text += decode(text.slice(at, m.index));
    at = m.index + m[0].length;
    const [, close, name, attrText, selfClose] = m;
    if (name === undefined) continue; // prolog, comment, DOCTYPE
    if (close === '/') {
      if (top.name !== name) throw new Error(`XML: </${name}> closes <${top.name}> (offset ${String(m.index)})`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? '').matchAll(ATTR)) if (a[1] !== undefined) attrs[a[1]] = decode(a[2] ?? a[3] ?? '');
    const el: XmlElement = { name, attrs, children: [], text: '' };
    top.children.push(el);
    if (selfClose !== '/') stack.push(el);
  }
  if (stack.length !== 1) throw new Error(`XML: <${stack[stack.length - 1]?.name ?? '?'}> is never closed`);
  return root;
}

/** The element at `path` under `el` (first match of each step). */
export function child(el: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let at = el;
  for (const step of path) at = at?.children.find((c) => c.name === step);
  return at;
}

function text(el: XmlElement | undefined, ...path: string[]): string | undefined {
  const t = child(el, ...path)?.text.trim();
  return t === undefined || t === '' ? undefined : t;
}

/** The first number among `paths` (nvidia-smi moved power readings in driver 535). */
function num(el: XmlElement, ...paths: (readonly string[])[]): number | null {
  for (const p of paths) {
    const n = csvNumber(text(el, ...p));
    if (n !== null) return n;
  }
  return null;
}

function processesOf(gpu: XmlElement): GpuProcessSample[] {
  const list = child(gpu, 'processes')?.children.filter((c) => c.name === 'process_info') ?? [];
  const out: GpuProcessSample[] = [];
  for (const p of list) {
    const pid = csvNumber(text(p, 'pid'));
    if (pid !== null) out.push({ pid, name: csvText(text(p, 'process_name')) ?? '', usedMiB: csvNumber(text(p, 'used_memory')) });
  }
  return out;
}

function sampleOf(gpu: XmlElement, index: number, host: string, ts: number): GpuSample {
  return {
    ts,
    host,
    index,
    uuid: csvText(text(gpu, 'uuid')),
    name: text(gpu, 'product_name') ?? '',
    utilPct: num(gpu, ['utilization', 'gpu_util']),
    memUtilPct: num(gpu, ['utilization', 'memory_util']),
    memUsedMiB: num(gpu, ['fb_memory_usage', 'used']),
    memTotalMiB: num(gpu, ['fb_memory_usage', 'total']),
    tempC: num(gpu, ['temperature', 'gpu_temp']),
    powerW: num(gpu, ['power_readings', 'power_draw'], ['gpu_power_readings', 'power_draw'], ['gpu_power_readings', 'instant_power_draw'], ['gpu_power_readings', 'average_power_draw']),
    powerLimitW: num(gpu, ['power_readings', 'enforced_power_limit'], ['gpu_power_readings', 'current_power_limit'], ['gpu_power_readings', 'enforced_power_limit'], ['power_readings', 'power_limit']),
    smClockMHz: num(gpu, ['clocks', 'sm_clock']),
    memClockMHz: num(gpu, ['clocks', 'mem_clock']),
    pcieTxKiBps: num(gpu, ['pci', 'tx_util']),
    pcieRxKiBps: num(gpu, ['pci', 'rx_util']),
    nvlinkTxKiBps: null,
    nvlinkRxKiBps: null,
    xid: null,
    processes: processesOf(gpu),
  };
}

/** Every GPU of an `nvidia-smi -q -x` report, in its order (nvidia-smi's index). */
export function parseNvidiaSmiXml(xml: string, host: string, ts: number): GpuSample[] {
  const log = child(parseXml(xml), 'nvidia_smi_log');
  if (log === undefined) throw new Error('Not an nvidia-smi -q -x report: there is no <nvidia_smi_log> element.');
  return log.children.filter((c) => c.name === 'gpu').map((g, i) => sampleOf(g, i, host, ts));
}
