// `npm test`: every check and every suite, in order, stopping at the first failure.
//   node scripts/test.mjs          type-check, lint, build, unit + server + CLI + corpus tests, e2e
//   node scripts/test.mjs unit     without the e2e suites
//   node scripts/test.mjs e2e      build and the e2e suites only
// Each suite runs under node's test runner, which ends with its own pass/fail summary.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureCodeServer } from './lib/codeServer.mjs';

const only = process.argv[2];
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
/** The test files of these folders under test/; a folder without any is an error (node --test would search the whole tree). */
const testFiles = (...dirs) => {
  const files = dirs.filter((d) => existsSync(join(ROOT, 'test', d))).flatMap((d) => readdirSync(join(ROOT, 'test', d)).filter((f) => f.endsWith('.test.ts')).map((f) => join('test', d, f)));
  if (files.length === 0) throw new Error(`no test files in test/${dirs.join(', test/')}`);
  return files;
};

const steps = [];
// A suite's arguments are a function when they list test files: found when the step runs.
const step = (name, command, args, env = {}) => steps.push({ name, run: () => spawnSync(command, typeof args === 'function' ? args() : args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } }) });
const fn = (name, f) => steps.push({ name, run: () => { f(); return { status: 0 }; } });

if (only !== 'e2e') {
  step('type-check', bin('tsc'), ['-p', '.', '--noEmit']);
  step('lint', bin('eslint'), ['--max-warnings', '0', '.']);
}
step('build', process.execPath, ['scripts/build.mjs']);
if (only !== 'e2e') {
  step('unit, server, CLI and corpus tests', process.execPath, () => ['--import', 'tsx', '--test', ...testFiles('unit', 'server', 'cli', 'corpus')]);
  // Jobs on real MPI and a real one-node Slurm: one file at a time (they share the machine's cores).
  step('job tests (MPICH, Open MPI, Slurm)', process.execPath, () => ['--import', 'tsx', '--test', '--test-concurrency=1', ...testFiles('jobs')]);
  // native/: CPU builds under MPICH and Open MPI with their numerical checks, CUDA builds compiled with nvcc.
  step('native workload tests (MPICH, Open MPI, nvcc)', process.execPath, () => ['--import', 'tsx', '--test', '--test-concurrency=1', ...testFiles('native')]);
  // GPU metric sources against real services on loopback (Prometheus scraping a node exporter).
  step('GPU metric source tests (Prometheus, node exporter)', process.execPath, () => ['--import', 'tsx', '--test', '--test-concurrency=1', ...testFiles('gpu')]);
}
if (only !== 'unit') {
  fn('e2e tools', ensureCodeServer);
  // One workbench at a time: two code-servers on two cores make both slow.
  step('e2e tests (code-server + chromium)', process.execPath, () => ['--import', 'tsx', '--test', '--test-concurrency=1', ...testFiles('e2e')]);
}

const t0 = Date.now();
for (const s of steps) {
  const t = Date.now();
  console.log(`\n=== ${s.name}`);
  let r;
  try {
    r = s.run();
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    r = { status: 1 };
  }
  if (r.status !== 0) {
    console.error(`\nnpm test: '${s.name}' failed (exit ${r.status ?? r.signal}) after ${((Date.now() - t) / 1000).toFixed(1)} s`);
    process.exit(1);
  }
  console.log(`=== ${s.name}: ok in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
console.log(`\nnpm test: all ${steps.length} steps passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
