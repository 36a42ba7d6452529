import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/rules/catalog';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('rule catalog', () => {
  it('has unique, well-formed codes', () => {
    const codes = allRules().map((r) => r.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const code of codes) assert.match(code, /^MLW\d{4}$/);
  });

  it('documents every rule in the README rule list, with its explanation', () => {
    for (const r of allRules()) {
      assert.ok(README.includes(`| ${r.code} |`), `README lists ${r.code}`);
      assert.ok(README.includes(r.explanation), `README explains ${r.code} with the catalog's words`);
    }
  });
});
