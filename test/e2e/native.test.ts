// The native workloads in a real workbench (code-server + chromium, the built extension from this
// checkout): "MLOps: Build Native Workloads" builds them and says what it built; "MLOps: Run
// Native Workload" runs allreduce-bench as a 2-rank local MPI job, which the Jobs view shows, and
// its busbw chart fills in with every size of the sweep.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { prepareProfile, type RunningCodeServer } from '../../scripts/lib/codeServer.mjs';
import { mpiSkipReason } from '../helpers/mpi';
import { ROOT, e2eSkipReason, openFile, openExtensionWorkbench, runPaletteCommand, screenshot, type Browser } from './harness';

/** Picks the quick pick row that says `text`. */
async function pick(page: Page, text: string): Promise<void> {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
}

/** Answers the open input box with `value` (replacing what it holds). */
async function answer(page: Page, value: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  await input.fill(value);
  await page.keyboard.press('Enter');
}

describe('native workloads: build, run, chart (code-server, built extension)', { skip: e2eSkipReason() ?? mpiSkipReason('mpich') ?? false }, () => {
  let work = '';
  let buildDir = '';
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'mlops-native-e2e-'));
    buildDir = join(work, 'native-build');
    const env = { MLOPS_STATE_DIR: join(work, 'state'), MLOPS_NATIVE_BUILD_DIR: buildDir };
    ({ server, browser } = await openExtensionWorkbench({ profile: prepareProfile(join(work, 'profile')), env, folder: join(ROOT, 'examples'), firstEntry: 'training' }));
    // The extension has loaded (its contributions are in the palette) once its status item shows.
    await openFile(browser.page, 'hello.sbatch');
    await browser.page.locator('.statusbar-item', { hasText: 'MLOps' }).first().waitFor({ timeout: 90_000 });
  });

  after(async () => {
    if (process.env['MLOPS_E2E_KEEP'] === '1') console.log(`kept ${work}`);
    await browser?.close();
    await server?.stop();
    if (work !== '' && process.env['MLOPS_E2E_KEEP'] !== '1') rmSync(work, { recursive: true, force: true });
  });

  it('builds the native workloads and says what it built', async () => {
    assert.ok(browser);
    const { page } = browser;
    await runPaletteCommand(page, 'MLOps: Build Native Workloads');
    try {
      // The build's summary, at the end of the "MLOps Native Build" output (its notification's
      // toast may be hidden by the time the build ends: the notification centre keeps it).
      await page.locator('.output-view .view-line', { hasText: /^cpu\/mpich:\s+allreduce-bench,\s+softmax,\s+jacobi,\s+overlap/ }).first().waitFor({ timeout: 240_000 });
    } catch (e) {
      await screenshot(page, 'native-build-failed');
      throw e;
    }
    await screenshot(page, 'native-built');
    const report: unknown = JSON.parse(readFileSync(join(buildDir, 'build.json'), 'utf8'));
    assert.ok(typeof report === 'object' && report !== null && 'variants' in report && Array.isArray(report.variants));
    assert.ok(existsSync(join(buildDir, 'cpu', 'mpich', 'allreduce-bench')));
  });

  it('runs allreduce-bench as a local job; the chart shows every size, nothing wrong', async () => {
    assert.ok(browser);
    const { page } = browser;
    await runPaletteCommand(page, 'MLOps: Run Native Workload');
    try {
      await pick(page, 'allreduce-bench');
    } catch (e) {
      await screenshot(page, 'native-run-failed');
      await page.keyboard.press('Escape');
      await runPaletteCommand(page, 'Notifications: Show Notifications');
      await screenshot(page, 'native-run-failed-notifications');
      await page.keyboard.press('Escape');
      await runPaletteCommand(page, 'MLOps: Show Language Server Output');
      await screenshot(page, 'native-run-failed-log');
      throw e;
    }
    await pick(page, 'cpu / mpich');
    await pick(page, 'Local');
    await answer(page, '2');
    // 8 B to 512 KiB by factors of 4: 9 sizes.
    await answer(page, '-b 8 -e 1M -f 4 -n 2 -w 1');
    const chart = page.frameLocator('iframe.webview').frameLocator('iframe');
    await chart.locator('.status', { hasText: /^allreduce-bench \(cpu\/mpich, 2 ranks\): 9 sizes, peak busbw [\d.]+ GB\/s, 0 wrong · done$/ }).waitFor({ timeout: 120_000 });
    assert.equal(await chart.locator('table.sizes tbody tr').count(), 9);
    await screenshot(page, 'native-chart');
    await runPaletteCommand(page, 'MLOps: Focus on Jobs View');
    await page.locator('.pane-body .monaco-list-row', { hasText: 'allreduce-bench (cpu/mpich, 2 ranks)' }).filter({ has: page.locator('.label-description', { hasText: /^COMPLETED/ }) }).first().waitFor({ timeout: 60_000 });
  });
});
