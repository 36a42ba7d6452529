// `npm run test:desktop`: the same in-host integration suites in desktop VS Code, downloaded by
// @vscode/test-electron. Needs internet and a display (or xvfb-run); it cannot run on our CI
// machines, which is why `npm test` runs the suites in code-server instead.
import { runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './lib/codeServer.mjs';

const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const work = mkdtempSync(join(tmpdir(), 'mlops-desktop-'));
const result = join(work, 'result.json');
try {
  await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [join(ROOT, 'examples'), '--disable-extensions', '--user-data-dir', join(work, 'user-data'), '--disable-workspace-trust'],
    extensionTestsEnv: { MLOPS_INTEGRATION_RESULT: result },
  });
  const outcome = JSON.parse(readFileSync(result, 'utf8'));
  console.log(`${outcome.passed} passed, ${outcome.failed} failed`);
} catch (e) {
  console.error(`test:desktop failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
