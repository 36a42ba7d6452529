// Shared pieces of the e2e suites: tool checks, the browser, the workbench, screenshots.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CODE_SERVER_ENTRY, NODE24, ROOT, startCodeServer, type Profile, type RunningCodeServer } from '../../scripts/lib/codeServer.mjs';

export { ROOT };
export const CHROMIUM = process.env['MLOPS_CHROMIUM'] ?? '/usr/bin/chromium';
export const SHOTS = join(ROOT, 'test-results', 'e2e');
const IN_CI = process.env['CI'] === 'true';

/**
 * Why the e2e suites cannot run here, or undefined when every tool is present. A missing tool
 * skips loudly on a developer's machine and throws in CI, where it is a failure.
 */
export function e2eSkipReason(): string | undefined {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM)) missing.push(`chromium at ${CHROMIUM} (apt-get install chromium)`);
  if (!existsSync(NODE24) || !existsSync(CODE_SERVER_ENTRY)) missing.push('code-server and Node 24 (bash scripts/e2e-tools.sh)');
  if (missing.length === 0) return undefined;
  const message = `e2e tools missing: ${missing.join('; ')}`;
  if (IN_CI) throw new Error(`${message}. CI must install them (.ci/run).`);
  console.warn(`SKIPPING e2e: ${message}`);
  return message;
}

export interface Browser {
  readonly page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'mlops-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync',
      '--disable-background-networking', '--disable-component-update'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the workbench and resolves once the explorer lists the folder (the workbench is usable). */
export async function openWorkbench(page: Page, url: string, firstEntry: string): Promise<void> {
  await page.goto(url);
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 90_000 });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: firstEntry }).first().waitFor({ timeout: 90_000 });
}

/** code-server running the built extension of this checkout, and the browser on its workbench. */
export interface ExtensionWorkbench {
  readonly server: RunningCodeServer;
  readonly browser: Browser;
}

/**
 * Starts code-server on `profile` with the extension of this checkout loaded as a development
 * extension, opens `folder` in chromium, and resolves once the explorer lists `firstEntry`.
 */
export async function openExtensionWorkbench(options: { profile: Profile; env: Record<string, string>; folder: string; firstEntry: string }): Promise<ExtensionWorkbench> {
  assert.ok(existsSync(join(ROOT, 'dist', 'extension.js')), 'build first: node scripts/build.mjs');
  const server = await startCodeServer({
    profile: options.profile,
    env: options.env,
    // The workbench loads a development extension (extensionDevelopmentPath) only with this option.
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
  });
  const browser = await launchBrowser();
  const url = server.folderUrl(options.folder, [['extensionDevelopmentPath', server.remoteUri(ROOT)]]);
  await openWorkbench(browser.page, url, options.firstEntry);
  return { server, browser };
}

/**
 * Presses `key` until the quick input shows (keybindings register a moment after the workbench
 * renders), then types `text`. Each try waits for the widget, not for a fixed time.
 */
export async function quickInput(page: Page, key: string, text: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press(key);
    try {
      await input.waitFor({ state: 'visible', timeout: 3_000 });
      break;
    } catch (e) {
      if (attempt >= 10) throw e;
    }
  }
  await input.fill(text);
}

/** Quick Open (Ctrl+P) a file of the workspace by name. */
export async function openFile(page: Page, name: string): Promise<void> {
  await quickInput(page, 'Control+P', name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
}

/** Runs a command from the palette by its title. */
export async function runPaletteCommand(page: Page, title: string): Promise<void> {
  await quickInput(page, 'F1', `>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Opens the Problems panel and resolves with the text of the first entry that says `hasText` (spaces folded). */
export async function problemsEntry(page: Page, hasText: string): Promise<string> {
  await runPaletteCommand(page, 'View: Focus Problems');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText }).first();
  await row.waitFor({ timeout: 30_000 });
  return (await row.innerText()).replace(/\s+/g, ' ');
}
