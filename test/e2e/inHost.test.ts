// Runs the in-host integration suites (test/integration) inside code-server's extension host,
// through the extensionDevelopmentPath + extensionTestsPath payload. The host ignores the
// outcome, so the suites write it to a file, whose appearance is our readiness signal.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { prepareProfile, startCodeServer } from '../../scripts/lib/codeServer.mjs';
import { ROOT, e2eSkipReason, launchBrowser, screenshot } from './harness';

interface Outcome {
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
}

function waitForFile(path: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const dir = join(path, '..');
    const watcher = watch(dir, () => {
      if (existsSync(path)) done();
    });
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`no result in ${path} after ${timeoutMs} ms: the extension host did not finish the suites`));
    }, timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      watcher.close();
      resolve();
    };
    if (existsSync(path)) done();
  });
}

describe('in-host integration suites (code-server extension host)', { skip: e2eSkipReason() ?? false }, () => {
  it('pass inside the real extension host', async () => {
    const bundle = join(ROOT, 'out', 'test', 'integration', 'index.js');
    assert.ok(existsSync(bundle) && existsSync(join(ROOT, 'dist', 'extension.js')), 'build first: npm run build');
    const work = mkdtempSync(join(tmpdir(), 'mlops-inhost-'));
    const result = join(work, 'result.json');
    const server = await startCodeServer({
      profile: prepareProfile(join(work, 'profile')),
      env: { MLOPS_INTEGRATION_RESULT: result },
      extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
    });
    const browser = await launchBrowser();
    try {
      const url = server.folderUrl(join(ROOT, 'examples'), [
        ['extensionDevelopmentPath', server.remoteUri(ROOT)],
        ['extensionTestsPath', server.remoteUri(bundle)],
      ]);
      await browser.page.goto(url);
      await waitForFile(result, 240_000);
      await screenshot(browser.page, 'in-host');
      const outcome = JSON.parse(readFileSync(result, 'utf8')) as Outcome;
      console.log(`in-host suites: ${outcome.passed} passed, ${outcome.failed} failed`);
      assert.deepEqual(outcome.failures, []);
      assert.ok(outcome.passed >= 5, `expected the 5 in-host tests to run, got ${outcome.passed}`);
    } finally {
      await browser.close();
      await server.stop();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
