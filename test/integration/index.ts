// Entry point of the in-host integration tests (VS Code's `extensionTestsPath` contract: export
// `run`). The same bundle runs inside code-server (npm test) and desktop VS Code (npm run
// test:desktop). code-server ignores the outcome of `run`, so the results also go to the file
// named by MLOPS_INTEGRATION_RESULT, which the harness reads.
import { renameSync, writeFileSync } from 'node:fs';
import Mocha from 'mocha';

interface Outcome {
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  // Define describe/it on the global object before the suites load.
  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  await import('./suite/activation.test');
  await import('./suite/diagnostics.test');
  await import('./suite/commands.test');

  const outcome: Outcome = { passed: 0, failed: 0, failures: [] };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => {
      resolve();
    });
    runner.on('pass', () => {
      outcome.passed++;
    });
    runner.on('fail', (test, err: unknown) => {
      outcome.failed++;
      outcome.failures.push({ title: test.fullTitle(), error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    });
  });
  const line = `${outcome.passed} passed, ${outcome.failed} failed`;
  console.log(`[mlops-integration] ${line}`);
  const resultFile = process.env['MLOPS_INTEGRATION_RESULT'];
  if (resultFile !== undefined && resultFile !== '') {
    // Written whole, then renamed: a watcher never reads half a file.
    writeFileSync(`${resultFile}.tmp`, JSON.stringify(outcome, null, 2));
    renameSync(`${resultFile}.tmp`, resultFile);
  }
  if (outcome.failed > 0) throw new Error(`integration tests: ${line}`);
}
