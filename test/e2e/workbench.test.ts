// UI e2e in a real VS Code workbench (code-server + Debian chromium), started by `npm start`'s
// own script, with the packaged .vsix installed.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { e2eSkipReason, launchBrowser, openFile, openWorkbench, problemsEntry, runPaletteCommand, screenshot, type Browser } from './harness';
import { npmStart, type Started } from './npmStart';

describe('workbench (npm start, code-server, packaged .vsix)', { skip: e2eSkipReason() ?? false }, () => {
  let started: Started | undefined;
  let browser: Browser | undefined;

  before(async () => {
    started = await npmStart();
    browser = await launchBrowser();
    await openWorkbench(browser.page, started.url, 'training');
  });

  after(async () => {
    await browser?.close();
    if (started !== undefined) {
      const exit = await started.stop();
      assert.equal(exit.code, 0, `npm start stops cleanly on SIGTERM:\n${started.output()}`);
      assert.match(started.output(), /MLOps Workbench stopped \(SIGTERM\)/);
    }
  });

  it('serves examples/ and activates the extension when a manifest opens', async () => {
    assert.ok(browser);
    const { page } = browser;
    assert.match(started?.url ?? '', /\?folder=\/.*\/examples$/);
    await openFile(page, 'pytorchjob-2gpu.yaml');
    // The status item appears once the extension has activated and the language server runs.
    await page.locator('.statusbar-item', { hasText: 'MLOps' }).first().waitFor({ timeout: 60_000 });
    const tooltip = await page.locator('.statusbar-item', { hasText: 'MLOps' }).first().getAttribute('aria-label');
    assert.match(tooltip ?? '', /MLOps/);
    await screenshot(page, 'activation');
  });

  it('shows a YAML syntax error in the Problems panel at the right line', async () => {
    assert.ok(browser);
    const { page } = browser;
    await openFile(page, 'syntax-error.yaml');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'attached', timeout: 60_000 });
    const text = await problemsEntry(page, 'flow sequence is never closed');
    await screenshot(page, 'problems-panel');
    assert.match(text, /MLW0001/);
    assert.match(text, /\[Ln 12, Col 23\]/, text);
  });

  it('runs a command from the palette', async () => {
    assert.ok(browser);
    const { page } = browser;
    await runPaletteCommand(page, 'MLOps: Show Version');
    const toast = page.locator('.notification-toast', { hasText: 'MLOps Workbench 0.1.0: language server 0.1.0 running' });
    await toast.waitFor({ timeout: 30_000 });
    await screenshot(page, 'palette-command');
  });
});
