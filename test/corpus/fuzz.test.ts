import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { performance } from 'node:perf_hooks';
import { createEngine } from '../../server/src/services/validate';
import { corpusRows, corpusSkipReason, readCorpusFile } from '../helpers/corpus';
import { random } from '../helpers/random';

// A hang and crash guard, not a benchmark: thousands of mutated manifests through the engine.
// Each must come back, within 2 s, with diagnostics whose ranges lie inside the text.

const MUTATIONS = 2400;
const LIMIT_MS = 2000;
const skip = corpusSkipReason();


const FRAGMENTS = ['{', '}', '[', ']', '"', "'", ': ', '- ', '&a ', '*a', '<<: *a', '!!binary ', '---\n', '...\n', '\t', '#', '|', '>-', '%YAML 1.2\n', 'null', '1.5', '500m', '"2"', '\u0000', '\ufeff', '😀', 'nvidia.com/gpu: 3', 'replicas: -1'];

type Mutation = (lines: string[], rnd: () => number) => string[];
const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)] as T;
const at = (lines: readonly string[], rnd: () => number): number => Math.floor(rnd() * lines.length);

const MUTATORS: readonly Mutation[] = [
  (l, r) => l.filter((_, i) => i !== at(l, r)),
  (l, r) => { const i = at(l, r); return [...l.slice(0, i + 1), l[i] ?? '', ...l.slice(i + 1)]; },
  (l, r) => { const i = at(l, r), j = at(l, r); const c = [...l]; [c[i], c[j]] = [c[j] ?? '', c[i] ?? '']; return c; },
  (l, r) => { const i = at(l, r); const c = [...l]; const s = c[i] ?? ''; const p = Math.floor(r() * (s.length + 1)); c[i] = s.slice(0, p) + pick(FRAGMENTS, r) + s.slice(p); return c; },
  (l, r) => { const i = at(l, r); const c = [...l]; c[i] = (r() < 0.5 ? ' ' : '   ') + (c[i] ?? ''); return c; },
  (l, r) => { const i = at(l, r); const c = [...l]; c[i] = (c[i] ?? '').replace(/^ {1,2}/, ''); return c; },
  (l, r) => l.slice(0, at(l, r)),
  (l, r) => { const i = at(l, r); const c = [...l]; c[i] = (c[i] ?? '').replace(/: .*$/, `: ${pick(FRAGMENTS, r)}`); return c; },
  (l, r) => { const i = at(l, r); const c = [...l]; c[i] = (c[i] ?? '').replace(/^(\s*)(\w)/, (_m, sp: string, ch: string) => `${sp}${ch}${ch}`); return c; },
  (l, r) => [...l, ...l.slice(0, Math.max(1, at(l, r)))],
];

function seeds(): string[] {
  const ours = /TFJob|PyTorchJob|XGBoostJob|PaddleJob|JAXJob|MPIJob|TrainJob|TrainingRuntime|volcano\.sh\/v1alpha1\/Job|batch\/v1\/Job|Workflow|InferenceService/;
  const fromCorpus = corpusRows().filter((r) => r.kinds.some((k) => ours.test(k))).map((r) => readCorpusFile(r.file));
  const fixtures = join(__dirname, '..', 'fixtures', 'manifests');
  const own = ['valid', 'invalid'].flatMap((d) => readdirSync(join(fixtures, d)).map((f) => readFileSync(join(fixtures, d, f), 'utf8')));
  return [...fromCorpus, ...own].filter((t) => t.length < 200_000);
}

describe('fuzz: mutated manifests through the engine', { skip }, () => {
  it(`${MUTATIONS} mutations: no crash, none over ${LIMIT_MS} ms, every range inside the text`, () => {
    // The build's precompiled validators, as the server and CLI use them (compiling a large schema
    // from source can take seconds; that is a build cost, not a per-document one).
    const engine = createEngine({ precompiledDir: join(__dirname, '..', '..', 'dist', 'validators') });
    const texts = seeds();
    // Each kind's first use loads its validator: outside the timed runs.
    for (const [i, t] of texts.entries()) {
      engine.validate(`warm-${String(i)}`, t);
      engine.forget(`warm-${String(i)}`);
    }
    assert.ok(texts.length > 50, `too few seed documents: ${texts.length}`);
    let slowest = 0;
    for (let seed = 1; seed <= MUTATIONS; seed++) {
      const rnd = random(seed);
      let lines = pick(texts, rnd).split('\n');
      const rounds = 1 + Math.floor(rnd() * 3);
      for (let k = 0; k < rounds; k++) lines = pick(MUTATORS, rnd)(lines, rnd);
      const text = lines.join('\n');
      if (process.env['FUZZ_DUMP'] === String(seed)) writeFileSync(`fuzz-${seed}.yaml`, text);
      const lineCount = text.split(/\r\n|\r|\n/).length; // LSP counts \r, \n and \r\n as line ends
      const t0 = performance.now();
      const diagnostics = engine.validate(`fuzz-${seed}`, text);
      const ms = performance.now() - t0;
      engine.forget(`fuzz-${seed}`);
      slowest = Math.max(slowest, ms);
      assert.ok(ms < LIMIT_MS, `seed ${seed}: ${ms.toFixed(0)} ms`);
      for (const d of diagnostics) {
        const { start, end } = d.range;
        assert.ok(start.line >= 0 && start.line < lineCount && end.line < lineCount, `seed ${seed}: range outside the text: ${JSON.stringify(d.range)}`);
        assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `seed ${seed}: inverted range`);
        assert.ok(typeof d.code === 'string' && /^MLW\d{4}$/.test(d.code), `seed ${seed}: code ${String(d.code)}`);
      }
    }
    process.stdout.write(`# fuzz: ${MUTATIONS} mutations of ${texts.length} documents, slowest ${slowest.toFixed(0)} ms\n`);
  });
});
