import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { splitDocuments } from '../../server/src/engine/chunks';
import { readPlainYaml } from '../../server/src/engine/plainYaml';
import { createEngine } from '../../server/src/services/validate';
import { spanDisagreements } from '../helpers/spans';
import { corpusRows, corpusSkipReason, readCorpusFile } from '../helpers/corpus';
import { random } from '../helpers/random';

// The fast reader against `yaml` itself, on every YAML document of the corpus and on mutations of
// them: wherever the reader returns a value, `yaml` must parse the same text with no error and no
// warning, to the same value. Where it gives up, nothing is checked (the engine then uses `yaml`).

const skip = corpusSkipReason();
const OPTIONS = { prettyErrors: false, uniqueKeys: true, merge: true, logLevel: 'silent' } as const;
// MLOPS_FUZZ_MUTATIONS raises the count for a longer hunt (the test's default keeps the suite quick).
const MUTATIONS = Number(process.env['MLOPS_FUZZ_MUTATIONS'] ?? 6000);

function yamlFiles(): { file: string; expect: string; text: string }[] {
  return corpusRows()
    .filter((r) => /\.ya?ml$|(^|\/)MLproject$|(^|\/)MLmodel$|(^|\/)dvc\.lock$/.test(r.file))
    .map((r) => ({ file: r.file, expect: r.expect, text: readCorpusFile(r.file) }))
    .filter((f) => f.text.length < 2_000_000);
}

/** Differences between the reader and `yaml` on one document text; '' when they agree (or the reader gave up). */
function disagreement(text: string): string {
  const fast = readPlainYaml(text);
  if (fast === undefined) return '';
  const doc = parseDocument(text, OPTIONS);
  if (doc.errors.length > 0 || doc.warnings.length > 0) {
    return `the reader accepted a text on which yaml reports: ${[...doc.errors, ...doc.warnings].map((e) => e.message).join('; ')}`;
  }
  try {
    assert.deepStrictEqual(fast.value, doc.toJS({ maxAliasCount: 1000 }));
  } catch (e) {
    return e instanceof Error ? e.message.slice(0, 2000) : String(e);
  }
  return '';
}


// Pieces that probe the reader's edges: indicators, quotes and escapes, block scalar headers,
// comments, keys that are not strings, indentation.
const FRAGMENTS = [
  ' ', '  ', ':', ': ', '- ', '-', '#', ' #', '"', "'", "''", '\\', '\\n', '\\x4', '\\u00e9', '\\U0001F600', '[', ']', '{', '}', ',', ', ',
  '|', '|-', '|+', '>', '>-', '>+', '|2', '&a ', '*a', '!', '!!str ', '?', '? ', '%', '@', '`', '<<', '~', 'null', 'true', 'False', '0o17',
  '0x1F', '+12', '-0', '1e3', '.5', '.inf', '-.Inf', '.NaN', '1_000', '__proto__', 'constructor', '---', '...', '\n', '\n\n', '\n  ', '\n    ',
  '\t', '\r', '\u00a0', '\u0085', '😀', 'é',
];

type Mutation = (s: string, rnd: () => number) => string;
const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)] as T;
const spot = (s: string, rnd: () => number): number => Math.floor(rnd() * (s.length + 1));

const MUTATORS: readonly Mutation[] = [
  (s, r) => { const p = spot(s, r); return s.slice(0, p) + pick(FRAGMENTS, r) + s.slice(p); },
  (s, r) => { const p = spot(s, r); return s.slice(0, p) + s.slice(p + 1 + Math.floor(r() * 3)); },
  (s, r) => { const lines = s.split('\n'); const i = Math.floor(r() * lines.length); lines[i] = ` ${lines[i] ?? ''}`; return lines.join('\n'); },
  (s, r) => { const lines = s.split('\n'); const i = Math.floor(r() * lines.length); lines[i] = (lines[i] ?? '').replace(/^ {1,2}/, ''); return lines.join('\n'); },
  (s, r) => { const lines = s.split('\n'); const i = Math.floor(r() * lines.length); lines.splice(i, 0, lines[Math.floor(r() * lines.length)] ?? ''); return lines.join('\n'); },
  (s, r) => { const lines = s.split('\n'); const i = Math.floor(r() * lines.length); lines[i] = (lines[i] ?? '').replace(/: (.*)$/, (_m, v: string) => `: ${pick(FRAGMENTS, r)}${v}`); return lines.join('\n'); },
  (s, r) => s.slice(0, spot(s, r)),
];

const fast = createEngine();
const slow = createEngine({ fastReader: false });

/** The engine's diagnostics on a text with the fast reader and without it: '' when they are the same. */
function engineDisagreement(name: string, text: string): { diagnostics: number; problem: string } {
  const a = fast.validate(name, text);
  const b = slow.validate(name, text);
  fast.forget(name);
  slow.forget(name);
  try {
    assert.deepStrictEqual(a, b);
    return { diagnostics: b.length, problem: '' };
  } catch (e) {
    return { diagnostics: b.length, problem: e instanceof Error ? e.message.slice(0, 1500) : String(e) };
  }
}

describe('the fast YAML reader agrees with yaml', { skip }, () => {
  it('on every document of the corpus, and reads most of them itself', () => {
    let accepted = 0;
    let validDocs = 0;
    let validAccepted = 0;
    const problems: string[] = [];
    for (const f of yamlFiles()) {
      for (const chunk of splitDocuments(f.text)) {
        const why = disagreement(chunk.text);
        if (why !== '') problems.push(`${f.file} at offset ${chunk.start}: ${why}`);
        const read = readPlainYaml(chunk.text) !== undefined;
        if (read) accepted++;
        if (f.expect === 'valid') {
          validDocs++;
          if (read) validAccepted++;
        }
      }
    }
    assert.deepEqual(problems.slice(0, 5), []);
    process.stdout.write(`# fast reader: ${accepted} corpus documents read, ${validAccepted}/${validDocs} of the valid ones\n`);
    // A guard against the reader quietly giving up on everything (it would still be "correct").
    assert.ok(validAccepted >= 0.8 * validDocs, `the reader reads only ${validAccepted} of ${validDocs} valid documents`);
  });

  it('places every path of every corpus document where yaml places it', () => {
    const problems: string[] = [];
    let known = 0;
    for (const f of yamlFiles()) {
      for (const chunk of splitDocuments(f.text)) {
        const result = spanDisagreements(chunk.text);
        known += result.known;
        problems.push(...result.problems.map((p) => `${f.file} at offset ${chunk.start}: ${p}`));
      }
    }
    assert.deepEqual(problems.slice(0, 10), []);
    process.stdout.write(`# fast reader spans: ${known} placements agree with yaml's\n`);
  });

  it('gives the engine the same diagnostics as yaml alone, on every corpus file', () => {
    const problems: string[] = [];
    let diagnostics = 0;
    for (const f of yamlFiles()) {
      const d = engineDisagreement(f.file.split('/').pop() ?? f.file, f.text);
      diagnostics += d.diagnostics;
      if (d.problem !== '') problems.push(`${f.file}: ${d.problem}`);
    }
    assert.deepEqual(problems.slice(0, 5), []);
    process.stdout.write(`# engine: the same ${diagnostics} diagnostics with and without the fast reader\n`);
  });

  it(`on ${MUTATIONS} mutations of corpus documents`, () => {
    const seedTexts = yamlFiles().flatMap((f) => splitDocuments(f.text).map((c) => c.text)).filter((t) => t.length < 20_000);
    const problems: string[] = [];
    let accepted = 0;
    let diagnostics = 0;
    for (let n = 0; n < MUTATIONS && problems.length < 5; n++) {
      const rnd = random(n + 1);
      let text = pick(seedTexts, rnd);
      const rounds = 1 + Math.floor(rnd() * 3);
      for (let k = 0; k < rounds; k++) text = pick(MUTATORS, rnd)(text, rnd);
      const why = disagreement(text);
      if (readPlainYaml(text) !== undefined) accepted++;
      if (why !== '') problems.push(`seed ${n + 1}: ${why}\n--- text ---\n${text.slice(0, 3000)}`);
      const spans = spanDisagreements(text).problems;
      if (spans.length > 0) problems.push(`seed ${n + 1}: ${spans.slice(0, 3).join('; ')}\n--- text ---\n${text.slice(0, 3000)}`);
      // Every fourth one through the engine both ways: mutations make findings to place.
      if (n % 4 === 0) {
        const engine = engineDisagreement('mutated.yaml', text);
        diagnostics += engine.diagnostics;
        if (engine.problem !== '') problems.push(`seed ${n + 1}, engine: ${engine.problem}\n--- text ---\n${text.slice(0, 3000)}`);
      }
    }
    assert.deepEqual(problems, []);
    process.stdout.write(`# fast reader: ${accepted} of ${MUTATIONS} mutated documents read (the rest left to yaml); the engine gave the same ${diagnostics} diagnostics both ways\n`);
  });
});
