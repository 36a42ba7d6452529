// A/B: two builds of our server on the big file, interleaved, so that both see the same machine.
// Run: cp -r dist .cache/ab-base (before a change), npm run build (after it), then
//   node --import tsx bench/ab.ts --base .cache/ab-base/server.js [--family argo] [--opens 20]
// See bench/README.md ("Comparing two builds").
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBigFile, edited, FAMILY_KINDS, selectDocs, type Family } from './corpus';
import { LspSession } from './lspDriver';
import { summarize } from './report';

const ROOT = resolve(__dirname, '..');

const { values: opts } = parseArgs({
  options: {
    base: { type: 'string' },
    head: { type: 'string', default: join(ROOT, 'dist', 'server.js') },
    corpus: { type: 'string', default: process.env['MLOPS_CORPUS'] ?? resolve(ROOT, '..', 'shared', 'corpus') },
    family: { type: 'string', default: 'jobs' },
    files: { type: 'string', default: '20' },
    'big-lines': { type: 'string', default: '10000' },
    opens: { type: 'string', default: '20' },
    edits: { type: 'string', default: '20' },
  },
});

const log = (line: string): void => { process.stderr.write(`${line}\n`); };

interface Arm {
  readonly label: string;
  readonly session: LspSession;
  readonly opens: number[];
  readonly edits: number[];
  diagnostics: number;
}

async function startArm(label: string, script: string): Promise<Arm> {
  if (!existsSync(script)) throw new Error(`${label}: no server at ${script} (see the header of bench/ab.ts)`);
  const session = await LspSession.start({ label, node: process.execPath, args: [script, '--stdio'] });
  return { label, session, opens: [], edits: [], diagnostics: 0 };
}

async function main(): Promise<void> {
  if (opts.base === undefined) throw new Error('--base PATH (a server.js of the build to compare against) is required');
  const family: Family = opts.family === 'argo' ? 'argo' : 'jobs';
  const { docs } = selectDocs(opts.corpus, Number(opts.files), FAMILY_KINDS[family]);
  if (docs.length === 0) throw new Error(`no documents of the ${family} kinds in ${opts.corpus}`);
  const big = buildBigFile(docs, Number(opts['big-lines']), () => undefined);
  const arms = [await startArm('base', resolve(opts.base)), await startArm('head', resolve(opts.head))];
  // Warm each server the way the main bench does: every kind seen, the big file validated once.
  for (const arm of arms) {
    for (const d of docs) await arm.session.open(d.uri, d.text);
    await arm.session.open('file:///bench/big/warmup.yaml', big.text);
    await arm.session.close('file:///bench/big/warmup.yaml');
  }
  const rounds = Number(opts.opens);
  for (let i = 0; i < rounds; i++) {
    // ABBA order: neither build always goes first.
    const order = i % 2 === 0 ? arms : [...arms].reverse();
    for (const arm of order) {
      const uri = `file:///bench/big/open-${i}.yaml`;
      const t = await arm.session.open(uri, big.text);
      arm.opens.push(t.ms);
      arm.diagnostics = t.diagnostics.diagnostics.length;
      await arm.session.close(uri);
    }
  }
  const edits = Number(opts.edits);
  for (const arm of arms) await arm.session.open('file:///bench/big/edit.yaml', big.text);
  for (let i = 1; i <= edits; i++) {
    const order = i % 2 === 0 ? arms : [...arms].reverse();
    const text = edited(big.text, big.middle, i);
    for (const arm of order) arm.edits.push((await arm.session.change('file:///bench/big/edit.yaml', text)).ms);
  }
  for (const arm of arms) await arm.session.shutdown();

  const [base, head] = arms as [Arm, Arm];
  const line = (what: string, a: number[], b: number[]): string => {
    const sa = summarize(a);
    const sb = summarize(b);
    if (sa === undefined || sb === undefined) return `| ${what} | - | - | - | - |`;
    const wins = b.filter((v, i) => v < (a[i] ?? Infinity)).length;
    return `| ${what} | ${sa.median.toFixed(1)} / ${sa.p95.toFixed(1)} | ${sb.median.toFixed(1)} / ${sb.p95.toFixed(1)} | ${(sa.median / sb.median).toFixed(2)}x | ${wins}/${b.length} |`;
  };
  process.stdout.write([
    `A/B on the ${family} big file (${big.lines} lines, ${big.documents} documents), Node ${process.version}`,
    `base: ${resolve(opts.base)}`,
    `head: ${resolve(opts.head)}`,
    '',
    '| scenario | base median / p95 ms | head median / p95 ms | base/head | head faster in |',
    '|:--|--:|--:|--:|--:|',
    line('open, schemas warm', base.opens, head.opens),
    line('edit', base.edits, head.edits),
    '',
    `diagnostics on the big file: base ${base.diagnostics}, head ${head.diagnostics}`,
    '',
  ].join('\n'));
  log('ab: done');
}

main().catch((e: unknown) => {
  process.stderr.write(`ab failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
