// Our Prometheus source against a REAL Prometheus (Debian's prometheus) scraping a real node
// exporter whose textfile collector serves the recorded DCGM exporter text of test/fixtures/gpu/.
// Both run on free loopback ports in temporary folders; the tests wait on /-/ready and on a query
// that returns the series, never on a sleep.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { GpuSample } from '../../protocol';
import { readPrometheus } from '../../core/gpu/prometheus';
import { createGpuSource, resolveDeps } from '../../core/gpu/source';
import { run, start, type Started } from '../../core/process';
import { tempDirs } from '../helpers/tempDirs';

const PROMETHEUS = '/usr/bin/prometheus';
const NODE_EXPORTER = '/usr/bin/prometheus-node-exporter';
const FIXTURES = join(__dirname, '..', 'fixtures', 'gpu');
const tempDir = tempDirs('mlops-prom-');

function skipReason(): string | undefined {
  const missing = [PROMETHEUS, NODE_EXPORTER].filter((p) => !existsSync(p));
  if (missing.length === 0) return undefined;
  const message = `${missing.join(' and ')} not found (Debian: apt-get install prometheus prometheus-node-exporter)`;
  if (process.env['CI'] === 'true') throw new Error(`${message}; CI must install them (.ci/run).`);
  console.warn(`\n*** SKIPPING the Prometheus/DCGM source tests: ${message} ***\n`);
  return message;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** Polls `probe` until it holds; fails with what the daemons said after `ms`. */
async function until(what: string, probe: () => Promise<boolean>, log: () => string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${String(ms / 1000)} s:\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The recorded DCGM text as textfile-collector files: HELP lines out, since the recordings word them differently. */
function writeTextfiles(dir: string): void {
  for (const name of ['dcgm-t4.txt', 'dcgm-v100x4-excerpt.txt', 'dcgm-pods-excerpt.txt']) {
    const text = readFileSync(join(FIXTURES, name), 'utf8').split('\n').filter((l) => !l.startsWith('# HELP')).join('\n');
    writeFileSync(join(dir, name.replace(/\.txt$/, '.prom')), text.endsWith('\n') ? text : `${text}\n`);
  }
}

const deps = (intervalMs = 200) => resolveDeps({ run, start, intervalMs, requestTimeoutMs: 3000 });

describe('Prometheus source, real Prometheus + node exporter serving recorded DCGM series', { skip: skipReason() }, () => {
  const children: Started[] = [];
  let output = '';
  let promUrl = '';
  let exporterUrl = '';

  before(async () => {
    const dir = tempDir();
    writeTextfiles(dir);
    const [exporterPort, promPort] = [await freePort(), await freePort()];
    exporterUrl = `http://127.0.0.1:${String(exporterPort)}`;
    promUrl = `http://127.0.0.1:${String(promPort)}`;
    writeFileSync(join(dir, 'prometheus.yml'), [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      'scrape_configs:',
      '  - job_name: dcgm',
      `    static_configs: [{ targets: ['127.0.0.1:${String(exporterPort)}'] }]`,
      '',
    ].join('\n'));
    const keep = (c: Started): Started => {
      c.stdout.on('data', (b: Buffer) => { output += b.toString(); });
      c.stderr.on('data', (b: Buffer) => { output = (output + b.toString()).slice(-20_000); });
      children.push(c);
      return c;
    };
    keep(await start(NODE_EXPORTER, [`--web.listen-address=127.0.0.1:${String(exporterPort)}`, '--collector.disable-defaults', '--collector.textfile', `--collector.textfile.directory=${dir}`]));
    keep(await start(PROMETHEUS, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${String(promPort)}`]));
    await until('Prometheus /-/ready', async () => (await fetch(`${promUrl}/-/ready`)).ok, () => output);
    await until('a query returning the DCGM series', async () => (await readPrometheus(deps(), new URL(promUrl))).length >= 6, () => output);
  });

  after(async () => {
    await Promise.all(children.map((c) => c.cancel()));
  });

  it('reads every GPU of every node, per node and per pod, from one instant query', async () => {
    const source = createGpuSource({ kind: 'prometheus', url: promUrl }, deps());
    const batches: (readonly GpuSample[])[] = [];
    let got: () => void = () => undefined;
    const two = new Promise<void>((resolve) => { got = resolve; });
    await source.start({
      onSamples: (s) => {
        batches.push(s);
        if (batches.length === 2) got();
      },
      onError: (e) => { assert.fail(e); },
    });
    await two;
    await source.stop();
    const first = batches[0] ?? [];
    assert.deepEqual(first.map((s) => [s.host, s.index, s.name]), [
      ['424773df46e0', 0, 'Tesla T4'],
      ['dcgm-exporter-wwwjh', 1, 'NVIDIA RTX 2000 Ada Generation'],
      ['dcgm-exporter-wwwjh', 2, 'NVIDIA A30'],
      ['r6i3n0', 0, 'Tesla V100-SXM2-32GB'],
      ['r6i3n0', 2, 'Tesla V100-SXM2-32GB'],
      ['r6i3n0', 3, 'Tesla V100-SXM2-32GB'],
    ]);
    const t4 = first[0]!;
    assert.deepEqual([t4.uuid, t4.tempC, t4.powerW, t4.smClockMHz, t4.memClockMHz, t4.memUsedMiB, t4.memTotalMiB], ['GPU-20c56d28-0da5-6d26-a36a-e7af1ce2586e', 25, 8.969, 300, 405, 0, 15109]);
    assert.deepEqual(first[2]!.pod, { namespace: 'default', name: 'triton-server-f7cb5d77-95xcf', container: 'triton-server' });
    assert.equal(first[4]!.powerLimitW, 300);
    assert.ok(Math.abs(t4.ts - Date.now()) < 60_000, 'the sample time is Prometheus\'s evaluation time');
  });

  it('reads the exporter\'s own /metrics text the same way', async () => {
    const samples = await readPrometheus(deps(), new URL(`${exporterUrl}/metrics`));
    assert.equal(samples.length, 6);
    assert.equal(samples.find((s) => s.host === '424773df46e0')?.tempC, 25);
  });

  it('says what is wrong with a URL that is not a Prometheus server', async () => {
    const source = (url: string) => createGpuSource({ kind: 'prometheus', url }, deps());
    const noop = { onSamples: () => undefined, onError: () => undefined };
    await assert.rejects(source(exporterUrl).start(noop), /did not answer with JSON: give the Prometheus server's base URL/);
    await assert.rejects(source(`${promUrl}/nothing-here`).start(noop), /answered HTTP 404/);
    await assert.rejects(source(`http://127.0.0.1:${String(await freePort())}`).start(noop), /Cannot reach .*ECONNREFUSED.*check the URL/);
    await assert.rejects(source('ftp://x').start(noop), /not an http\(s\) URL/);
  });
});
