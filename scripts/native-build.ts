// `npm run native:build [-- --only cpu|cuda] [--cuda-mpi mpich|openmpi] [--out DIR] [--json]`:
// builds native/ into native/build/ (core/native/build.ts), says what it built and skipped, and
// exits 1 when a step that could run failed.
import { resolve } from 'node:path';
import { buildNative, describeReport } from '../core/native/build';
import { run } from '../core/process';
import type { MpiFlavor } from '../protocol';

const ROOT = resolve(__dirname, '..');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

function main(): Promise<number> {
  const only = option('--only');
  const cudaMpi = option('--cuda-mpi');
  if (only !== undefined && only !== 'cpu' && only !== 'cuda') throw new Error(`--only takes cpu or cuda, not ${only}`);
  if (cudaMpi !== undefined && cudaMpi !== 'mpich' && cudaMpi !== 'openmpi') throw new Error(`--cuda-mpi takes mpich or openmpi, not ${cudaMpi}`);
  const json = process.argv.includes('--json');
  const log = (line: string): void => {
    if (!json) console.log(line);
  };
  const mpi: MpiFlavor | undefined = cudaMpi;
  return buildNative({
    run,
    env: process.env,
    log,
    srcDir: resolve(ROOT, 'native'),
    outDir: resolve(option('--out') ?? resolve(ROOT, 'native', 'build')),
    ...(only === undefined ? {} : { only }),
    ...(mpi === undefined ? {} : { cudaMpi: mpi }),
  }).then((report) => {
    if (json) console.log(JSON.stringify(report, null, 2));
    else for (const line of ['', 'native build:', ...describeReport(report).map((l) => `  ${l}`)]) console.log(line);
    return report.failed.length === 0 ? 0 : 1;
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`native build: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);
