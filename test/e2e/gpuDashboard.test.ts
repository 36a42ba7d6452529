// The GPU dashboard in a real workbench (code-server + chromium, the built extension from this
// checkout), fed through the production path: the setting mlops.gpu.nvidiaSmiPath points at the
// stand-in nvidia-smi (test/fixtures/gpu/bin), which replays the recorded H200 row (see
// test/fixtures/gpu/SOURCES.md) as 2 GPUs every 200 ms; the real nvidia-smi source and parser feed
// the monitor, the page and the status bar. Checked: one card per GPU whose charts drew the data
// (the page's drawn-frame attributes, the series colour in the canvas and in the saved
// screenshot), the recorded processes, the status bar summary, pause and resume, and the empty
// state once the setting points at an nvidia-smi that does not exist.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { prepareProfile, type RunningCodeServer } from '../../scripts/lib/codeServer.mjs';
import { ROOT, SHOTS, e2eSkipReason, openFile, openExtensionWorkbench, runPaletteCommand, screenshot, type Browser } from './harness';

const STAND_IN = join(ROOT, 'test', 'fixtures', 'gpu', 'bin', 'nvidia-smi');
const HOST = hostname();
/** The recorded H200 row as 2 GPUs: 100 % utilization, 52 °C. */
const SUMMARY = /GPU 2x 100% 52°C/;

describe('GPU dashboard: recorded samples, processes, status bar, pause, empty state (code-server, built extension)', { skip: e2eSkipReason() ?? false }, () => {
  let work = '';
  let settingsFile = '';
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;

  const writeSettings = (extra: Record<string, unknown>): void => {
    const current = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(settingsFile, `${JSON.stringify({ ...current, ...extra }, null, 2)}\n`);
  };

  before(async () => {
    assert.ok(existsSync(join(ROOT, 'dist', 'webviews', 'gpu.js')), 'build first: node scripts/build.mjs');
    work = mkdtempSync(join(tmpdir(), 'mlops-gpu-e2e-'));
    const folder = join(work, 'project');
    const profile = prepareProfile(join(work, 'profile'));
    // The window is a remote one (code-server): machine-overridable settings such as the
    // nvidia-smi path are read from the server's Machine settings, not from the User ones.
    mkdirSync(join(profile.userDataDir, 'Machine'), { recursive: true });
    settingsFile = join(profile.userDataDir, 'Machine', 'settings.json');
    writeFileSync(settingsFile, '{}\n');
    writeSettings({ 'mlops.gpu.nvidiaSmiPath': STAND_IN, 'mlops.gpu.intervalMs': 200 });
    mkdirSync(folder);
    writeFileSync(join(folder, 'job.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gpu-e2e\n');
    // No sampler is found or tried first: the nvidia-smi source is the one detected.
    const env = { MLOPS_STATE_DIR: join(work, 'state'), FAKE_SMI_GPUS: '2', MLOPS_GPU_SAMPLER: join(work, 'no-gpu-sampler') };
    ({ server, browser } = await openExtensionWorkbench({ profile, env, folder, firstEntry: 'job.yaml' }));
    // The extension is active (its commands are in the palette) once its status item shows.
    await openFile(browser.page, 'job.yaml');
    await browser.page.locator('.statusbar-item', { hasText: 'MLOps' }).first().waitFor({ timeout: 90_000 });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (process.env['MLOPS_E2E_KEEP'] === '1') console.log(`kept ${work}`);
    else if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  const dashboard = (page: Page): FrameLocator => page.frameLocator('iframe.webview').frameLocator('iframe');
  const card = (page: Page, index: number) => dashboard(page).locator(`.card[data-gpu="${HOST}/${index}"]`);

  /** The page's own frame, for waits that run inside it. */
  async function pageFrame(page: Page): Promise<Frame> {
    const body = await dashboard(page).locator('body').elementHandle();
    const frame = await body.ownerFrame();
    assert.ok(frame, 'the dashboard page has a frame');
    return frame;
  }

  /** Waits until GPU `index`'s card says (data-*) that it drew at least `points` points. */
  async function drawn(frame: Frame, index: number, points: number): Promise<{ to: number; points: number }> {
    const handle = await frame.waitForFunction(
      ([key, n]) => {
        const el = document.querySelector<HTMLElement>(`.card[data-gpu="${key}"]`);
        const p = Number(el?.dataset['points'] ?? 0);
        return p >= n ? { to: Number(el?.dataset['drawnTo']), points: p } : false;
      },
      [`${HOST}/${index}`, points] as const,
      { timeout: 30_000 },
    );
    return (await handle.jsonValue()) as { to: number; points: number };
  }

  it('shows one card per recorded GPU, with charts that drew the samples and the recorded processes', async () => {
    assert.ok(browser);
    const { page } = browser;
    await runPaletteCommand(page, 'MLOps: Show GPU Dashboard');
    try {
      await card(page, 1).waitFor({ timeout: 60_000 });
    } catch (e) {
      await screenshot(page, 'gpu-dashboard-failed');
      throw e;
    }
    const frame = await pageFrame(page);
    assert.equal(await dashboard(page).locator('.card').count(), 2);
    await dashboard(page).locator('.source-label', { hasText: `nvidia-smi on ${HOST}` }).waitFor();
    await dashboard(page).locator('.source-state', { hasText: 'live' }).waitFor();
    // The 1 minute window, so that the few seconds of samples span a good part of each chart.
    await dashboard(page).locator('.window-picker vscode-single-select').click();
    await dashboard(page).locator('.window-picker vscode-single-select li[role="option"]', { hasText: '1 min' }).click();
    for (const index of [0, 1]) {
      await card(page, index).locator('.card-title', { hasText: `GPU ${index} · NVIDIA H200` }).waitFor();
      assert.equal(await card(page, index).locator('.plot canvas').count(), 5, 'five charts per card');
      await drawn(frame, index, 10);
    }
    assert.match(await card(page, 0).locator('.readouts').innerText(), /100%[\s\S]*31\.6 \/ 140 GiB[\s\S]*627 \/ 700 W[\s\S]*52°C[\s\S]*1980 MHz/);
    // The temperature chart (its one series) drew a line in the series colour.
    const linePixels = await frame.evaluate(() => {
      const probe = document.createElement('canvas').getContext('2d');
      const canvas = document.querySelectorAll<HTMLCanvasElement>('.card .chart')[3]?.querySelector('canvas');
      if (probe === null || canvas === null || canvas === undefined) return -1;
      probe.fillStyle = getComputedStyle(document.documentElement).getPropertyValue('--vscode-charts-red').trim() || '#f14c4c';
      probe.fillRect(0, 0, 1, 1);
      const rgb = probe.getImageData(0, 0, 1, 1).data;
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Number(data[i + 3]) > 128 && [0, 1, 2].every((k) => Math.abs(Number(data[i + k]) - Number(rgb[k])) < 24)) n++;
      }
      return n;
    });
    assert.ok(linePixels >= 20, `the temperature chart drew its line (${linePixels} pixels of its colour)`);
    // The recorded compute-apps: three processes on GPU 0 (its UUID), none on GPU 1.
    await card(page, 0).locator('.processes summary', { hasText: 'Processes (3)' }).waitFor();
    // A card off screen does not draw (nor update its text): bring GPU 1's into view.
    await card(page, 1).locator('.processes').scrollIntoViewIfNeeded();
    await card(page, 1).locator('.processes summary', { hasText: 'Processes (0)' }).waitFor();
    await card(page, 0).locator('.processes summary').click();
    const rows = await card(page, 0).locator('.process-table tbody tr').allInnerTexts();
    assert.deepEqual(rows.map((r) => r.replace(/\s+/g, ' ').trim()).sort(), ['10291 /root/tools/memhog 2566 MiB', '10293 /root/tools/memhog 1542 MiB', '10309 ./gpu_burn 28234 MiB']);
  });

  it('saves screenshots whose chart areas show the drawn lines, one per card', async () => {
    assert.ok(browser);
    const { page } = browser;
    await screenshot(page, 'gpu-dashboard');
    const frame = await pageFrame(page);
    const colour = await frame.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--vscode-charts-red').trim() || '#f14c4c');
    for (const index of [0, 1]) {
      // The plot of the card's temperature chart as it is on screen (scrolled into view), saved as a PNG.
      const file = join(SHOTS, `gpu-dashboard-gpu${index}-temperature.png`);
      await card(page, index).locator('.chart').nth(3).locator('canvas').screenshot({ path: file });
      // Decode the saved PNG in the browser and count the pixels of the series colour.
      const n = await page.evaluate(async ({ png, css }) => {
        const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d');
        if (ctx === null) return -1;
        ctx.fillStyle = css;
        ctx.fillRect(0, 0, 1, 1);
        const rgb = ctx.getImageData(0, 0, 1, 1).data;
        ctx.drawImage(bitmap, 0, 0);
        const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
        let found = 0;
        for (let i = 0; i < data.length; i += 4) {
          if ([0, 1, 2].every((k) => Math.abs(Number(data[i + k]) - Number(rgb[k])) < 40)) found++;
        }
        return found;
      }, { png: readFileSync(file).toString('base64'), css: colour });
      assert.ok(n >= 20, `GPU ${index}'s temperature chart shows its line in ${file} (${n} pixels of ${colour})`);
    }
  });

  it('sums the GPUs up in the status bar', async () => {
    assert.ok(browser);
    await browser.page.locator('.statusbar-item', { hasText: SUMMARY }).first().waitFor({ timeout: 30_000 });
  });

  it('pauses (the charts keep their right edge while samples still arrive) and resumes', async () => {
    assert.ok(browser);
    const { page } = browser;
    const frame = await pageFrame(page);
    // Cards off screen do not draw: GPU 0's is the one watched.
    await card(page, 0).scrollIntoViewIfNeeded();
    await dashboard(page).locator('.controls vscode-button', { hasText: 'Pause' }).click();
    await dashboard(page).locator('.controls vscode-button', { hasText: 'Resume' }).waitFor();
    const at = await drawn(frame, 0, 1);
    // New samples keep coming in and are drawn (more points), but the window stands still.
    const later = await drawn(frame, 0, at.points + 5);
    assert.equal(later.to, at.to, 'the right edge stands still while paused');
    await dashboard(page).locator('.controls vscode-button', { hasText: 'Resume' }).click();
    await dashboard(page).locator('.controls vscode-button', { hasText: 'Pause' }).waitFor();
    await frame.waitForFunction(([key, to]) => Number(document.querySelector<HTMLElement>(`.card[data-gpu="${key}"]`)?.dataset['drawnTo'] ?? 0) > to, [`${HOST}/0`, at.to] as const, { timeout: 30_000 });
  });

  it('says why there is no GPU, and what to try, when the nvidia-smi path does not exist', async () => {
    assert.ok(browser);
    const { page } = browser;
    const missing = join(work, 'no-such-dir', 'nvidia-smi');
    writeSettings({ 'mlops.gpu.nvidiaSmiPath': missing });
    const empty = dashboard(page).locator('.empty');
    try {
      await empty.locator('.empty-reason', { hasText: `there is no nvidia-smi at ${missing}` }).waitFor({ timeout: 60_000 });
    } catch (e) {
      await screenshot(page, 'gpu-dashboard-empty-failed');
      throw e;
    }
    assert.match(await empty.locator('.empty-reason').innerText(), /No GPU found on this machine: .*gpu-sampler.*Prometheus server/);
    assert.equal(await dashboard(page).locator('.card').count(), 0, 'the cards are gone');
    const actions = await empty.locator('.empty-actions vscode-button').allInnerTexts();
    assert.deepEqual(actions.map((a) => a.trim()), ['Pick a Prometheus server…', 'Pick a Slurm job…', 'Look again', 'GPU settings']);
    await page.locator('.statusbar-item', { hasText: SUMMARY }).first().waitFor({ state: 'hidden', timeout: 10_000 });
    await screenshot(page, 'gpu-dashboard-empty');
    // The first way out asks for the Prometheus server.
    await empty.locator('.empty-actions vscode-button', { hasText: 'Pick a Prometheus server…' }).click();
    await page.locator('.quick-input-widget', { hasText: 'Prometheus' }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Escape');
  });
});
