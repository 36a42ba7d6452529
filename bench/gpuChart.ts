// Benchmark: the GPU dashboard page (dist/webviews/gpu.js, as built) in headless chromium under
// the same CSP as in VS Code, fed 8 GPUs x 10 samples per second the way its host feeds it
// (one `samples` message per 50 ms batch). Prints the draw time per frame (the page's FrameLoop
// records each draw as a `gpu-draw` measure), the frames drawn, the renderer's main-thread time
// per second of wall time (CDP metrics), long tasks, and the time to take a 5-minute backlog.
// Run: node scripts/build.mjs && node --import tsx bench/gpuChart.ts [--seconds 20] [--gpus 8] [--hz 10]
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import type { GpuSample } from '../protocol';
import { contentSecurityPolicy, makeNonce } from '../client/src/webview/html';
import { CHROMIUM, ROOT } from '../test/e2e/harness';
import { random } from '../test/helpers/random';

const { values: opts } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    gpus: { type: 'string', default: '8' },
    hz: { type: 'string', default: '10' },
    width: { type: 'string', default: '1920' },
    height: { type: 'string', default: '2400' },
  },
});
const SECONDS = Number(opts.seconds);
const GPUS = Number(opts.gpus);
const HZ = Number(opts.hz);
const BUNDLE = join(ROOT, 'dist', 'webviews');

/** A plausible H100 under a training step: utilization and power follow a slow wave with noise. */
export function syntheticSamples(gpus: number, ts: number, rand: () => number): GpuSample[] {
  return Array.from({ length: gpus }, (_, index): GpuSample => {
    const wave = 0.5 + 0.5 * Math.sin(ts / 4000 + index);
    const util = Math.round(Math.min(100, 60 + 40 * wave * rand()));
    return {
      ts, host: 'bench-node', index, uuid: `GPU-bench-${index}`, name: 'NVIDIA H100 80GB HBM3',
      utilPct: util, memUtilPct: Math.round(util * 0.6), memUsedMiB: 40_000 + Math.round(20_000 * wave), memTotalMiB: 81_559,
      tempC: 45 + Math.round(25 * wave), powerW: 150 + 500 * wave * rand(), powerLimitW: 700, smClockMHz: 1980 - Math.round(200 * rand()),
      memClockMHz: 2619, pcieTxKiBps: null, pcieRxKiBps: null, nvlinkTxKiBps: null, nvlinkRxKiBps: null, xid: null,
      processes: [{ pid: 4000 + index, name: 'python3', usedMiB: 39_000 }],
    };
  });
}

/** Serves the page (the bundle, a stand-in for VS Code's API) under the webview's CSP. */
function serve(): Promise<Server> {
  const nonce = makeNonce();
  const page = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy("'self'", nonce)}">
<link rel="stylesheet" href="/gpu.css"></head><body>
<script nonce="${nonce}" src="/stand-in.js"></script>
<script type="module" nonce="${nonce}" src="/gpu.js"></script></body></html>`;
  const standIn = `window.posted = []; window.violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m), getState: () => undefined, setState: () => {} });`;
  const server = createServer((req, res) => {
    const file = req.url === '/' ? undefined : join(BUNDLE, (req.url ?? '').slice(1));
    if (req.url === '/') res.end(page);
    else if (req.url === '/stand-in.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(standIn);
    else if (file !== undefined && existsSync(file)) res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' }).end(readFileSync(file));
    else {
      console.error(`bench page asked for ${req.url ?? ''}: not served`);
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve(server);
  }));
}

function stats(values: readonly number[]): { median: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? Number.NaN };
}

async function main(): Promise<void> {
  if (!existsSync(join(BUNDLE, 'gpu.js'))) throw new Error('dist/webviews/gpu.js is missing: run node scripts/build.mjs first');
  if (!existsSync(CHROMIUM)) throw new Error(`chromium is missing at ${CHROMIUM} (apt-get install chromium, or set MLOPS_CHROMIUM)`);
  const server = await serve();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: Number(opts.width), height: Number(opts.height) } });
    page.on('pageerror', (e) => {
      console.error(`page error: ${e.stack ?? e.message}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') console.error(`page ${m.type()}: ${m.text()}`);
    });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'ready'));
    await page.evaluate(() => {
      const w = window as unknown as { draws: number[]; longTasks: number[] };
      w.draws = [];
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (e.name === 'gpu-draw') w.draws.push(e.duration);
      }).observe({ type: 'measure' });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    const post = (message: unknown): Promise<void> => page.evaluate((m) => {
      window.postMessage(m, '*');
    }, message);
    await post({ type: 'source', source: { label: 'bench', kind: 'nvidia-smi', state: 'live', message: null } });

    // The backlog a reloading page gets: 5 minutes of every GPU in one message.
    const rand = random(14);
    const t0 = Date.now() - 300_000;
    const backlog = Array.from({ length: 300 * HZ }, (_, i) => syntheticSamples(GPUS, t0 + (i * 1000) / HZ, rand)).flat();
    const backlogMs = await page.evaluate(async (samples) => {
      const start = performance.now();
      window.postMessage({ type: 'samples', samples, replace: true }, '*');
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - start;
    }, backlog);
    const cards = await page.locator('.card').count();
    const canvases = await page.locator('.card canvas').count();

    // Live: one batch every 50 ms, as the host sends them, for SECONDS.
    await page.evaluate(() => {
      const w = window as unknown as { draws: number[]; longTasks: number[] };
      w.draws = [];
      w.longTasks = [];
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metric = async (name: string): Promise<number> => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? 0;
    const busy0 = await metric('TaskDuration');
    const wall0 = Date.now();
    let ts = Date.now();
    const perBatch = HZ / 20;
    for (let batch = 0; batch < SECONDS * 20; batch++) {
      const samples: GpuSample[] = [];
      for (let k = 0; k < perBatch; k++) samples.push(...syntheticSamples(GPUS, (ts += 1000 / HZ), rand));
      await post({ type: 'samples', samples, replace: false });
      await new Promise((r) => setTimeout(r, Math.max(0, wall0 + (batch + 1) * 50 - Date.now())));
    }
    const wall = (Date.now() - wall0) / 1000;
    const busy = (await metric('TaskDuration')) - busy0;
    // Copied out of the page: the window itself does not serialize.
    const { draws, longTasks, violations } = await page.evaluate(() => {
      const w = window as unknown as { draws: number[]; longTasks: number[]; violations: string[] };
      return { draws: w.draws, longTasks: w.longTasks, violations: w.violations };
    });
    const d = stats(draws);
    console.log(`GPU dashboard page, ${GPUS} GPUs x ${HZ} Hz for ${wall.toFixed(1)} s, ${cards} cards, ${canvases} charts in the page, viewport ${opts.width}x${opts.height}, chromium headless, software canvas`);
    console.log(`  backlog of 5 min (${backlog.length} samples, one message): ${backlogMs.toFixed(0)} ms to take in and draw`);
    console.log(`  draws: ${draws.length} (${(draws.length / wall).toFixed(1)}/s); time per draw: median ${d.median.toFixed(2)} ms, p95 ${d.p95.toFixed(2)} ms, max ${d.max.toFixed(2)} ms`);
    console.log(`  renderer main thread busy: ${((busy / wall) * 100).toFixed(1)}% of wall time (${((busy * 1000) / (SECONDS * HZ * GPUS)).toFixed(3)} ms per sample, all work included)`);
    console.log(`  long tasks (> 50 ms) while live: ${longTasks.length}${longTasks.length > 0 ? ` (max ${Math.max(...longTasks).toFixed(0)} ms)` : ''}; CSP violations: ${violations.length === 0 ? 'none' : violations.join(', ')}`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
