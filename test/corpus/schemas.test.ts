import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateAll } from '../../schemas/src/build';
import { CORPUS_DIR, corpusSkipReason } from '../helpers/corpus';

const GENERATED = join(__dirname, '..', '..', 'schemas', 'generated');
const skip = corpusSkipReason();

describe('schemas/generated', { skip }, () => {
  it('is exactly what schemas/generate.ts makes from the corpus CRDs (regenerate: npx tsx schemas/generate.ts)', () => {
    const fresh = generateAll(CORPUS_DIR);
    const committed = readdirSync(GENERATED, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).sort();
    assert.deepEqual(committed, [...fresh.keys()].sort());
    for (const [file, text] of fresh) {
      assert.ok(existsSync(join(GENERATED, file)), `${file} missing`);
      assert.ok(readFileSync(join(GENERATED, file), 'utf8') === text, `${file} differs from a fresh generation`);
    }
  });

  it('carries no upstream description: every description is one of ours', () => {
    const ours = new Set<string>();
    const srcDir = join(__dirname, '..', '..', 'schemas', 'src');
    for (const src of readdirSync(srcDir).filter((f) => f.endsWith('.ts'))) {
      const code = readFileSync(join(srcDir, src), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      for (const m of code.matchAll(/'((?:[^'\\]|\\.)*)'/g)) {
        ours.add((m[1] ?? '').replace(/\\'/g, "'"));
      }
    }
    const foreign = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (typeof v === 'object' && v !== null) {
        for (const [k, child] of Object.entries(v)) {
          if (k === 'description' && typeof child === 'string' && !ours.has(child)) foreign.add(child);
          else walk(child);
        }
      }
    };
    for (const file of readdirSync(GENERATED, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'))) {
      walk(JSON.parse(readFileSync(join(GENERATED, file), 'utf8')));
    }
    assert.deepEqual([...foreign], []);
  });
});
