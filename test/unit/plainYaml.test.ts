import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { plainScalarValue } from '../../server/src/engine/plainScalars';
import { readPlainYaml } from '../../server/src/engine/plainYaml';
import { spanDisagreements } from '../helpers/spans';
import { random } from '../helpers/random';

// The fast reader is judged against `yaml` itself: a text it reads must be one `yaml` parses with
// no error or warning, to the same value. test/corpus/plainYaml.test.ts does the same on the corpus.

const OPTIONS = { prettyErrors: false, uniqueKeys: true, merge: true, logLevel: 'silent' } as const;

function yamlValue(text: string): unknown {
  const doc = parseDocument(text, OPTIONS);
  assert.deepEqual([...doc.errors, ...doc.warnings].map((e) => e.message), [], `yaml rejects ${JSON.stringify(text)}`);
  return doc.toJS({ maxAliasCount: 1000 });
}

function assertReadsLikeYaml(text: string): void {
  const fast = readPlainYaml(text);
  assert.ok(fast !== undefined, `the reader gave up on ${JSON.stringify(text)}`);
  assert.deepStrictEqual(fast.value, yamlValue(text), JSON.stringify(text));
  assert.deepEqual(spanDisagreements(text).problems, [], `spans of ${JSON.stringify(text)}`);
}

/** Texts in the subset: each must be read, to yaml's value. */
const READ = [
  '',
  '# only a comment\n',
  '---\n',
  '--- # a comment\na: 1\n',
  'a: 1\nb: two\nc:\nd: ~\ne: null\nf: true\ng: False\nh: 0o17\ni: 0x1F\nj: +12\nk: -0\nl: 1e3\nm: .5\nn: -.Inf\no: .NaN\np: 1.50\nq: 007\n',
  'big: 123456789012345678901234567890\nver: 1.10\nip: 10.0.0.1\ntime: 12:30\nneg: -1\nflag: --epochs=3\n',
  'url: http://example.com/a#frag\nhash: a#b\ncomment: value # trailing\nsp: a b  c\ncolon: a:b\nq: it\'s\n',
  '1: one\ntrue: yes\nnull: nothing\n0x10: sixteen\n2.50: float\nconstructor: c\ntoString: t\n',
  '~: tilde\n.inf: infinity\n-0: zero\n',
  "s: 'single ''quoted'' # not a comment'\nd: \"double \\\"q\\\" \\\\ \\n \\t \\/ \\x41 \\u00e9 \\U0001F600 \\_ \\0\"\ne: ''\nf: \"\"\n",
  "'quoted key': 1\n\"double key\" : 2\n'': empty\n",
  'list:\n- a\n- b\nafter: 1\n',
  'list:\n  - a\n  -  b\n  -\n  - - x\n    - y\n  - k: v\n    k2: v2\n  -\n    k3: v3\n',
  'steps:\n  - - name: a\n      template: t\n    - name: b\n  - - name: c\n',
  'nested:\n  deeper:\n    deepest: 1\n  back: 2\ntop: 3\n',
  'a:\n\n  # comment between\n\n  b: 1\n   # an indented comment\nc: 2\n',
  'flow: [a, "b", \'c\', 1, -2, true, null, [x, y], {k: v}, {}, []]\nmap: {a: 1, "b": two, c: [1, 2]}\nempty: []\nempty2: {}\nsp: [ a b , c ]\n',
  'lit: |\n  line one\n    indented\n\n  after blank\nnext: 1\n',
  'strip: |-\n  text\n\n\nkeep: |+\n  text\n\n\nclip: |\n  text\n\n\nend: 1\n',
  'fold: >\n  one\n  two\n\n  three\n\n\n  four\nfoldstrip: >-\n  a\n  b\nfoldkeep: >+\n  a\n\n',
  'script: | # a comment on the header\n  #!/bin/sh\n  echo "a: b" # kept\n  - not a list\nlast: |\n  x\n',
  '- |\n  in a list\n- >-\n  folded\n  in a list\n- k: |\n    in a compact map\n  k2: 1\n',
  'a: 1\nb: |\n    deeply indented\n    text\n',
  'k:\n  - name: x\n    args:\n    - --a\n    - "--b=c"\n    image: y\n  - name: z\n',
  '  indented: root\n  second: 2\n',
  '- root\n- list\n',
  'trailing: no newline',
  'lit: |\n  no newline at the end\n  x\nz: 1',
  'é: ü\nemoji: 😀\nnbsp: a\u00a0\n',
  '-1: negative key\n-x: dash key\n',
];

/** Texts outside the subset: each must be left to yaml (some of them are invalid YAML). */
const LEFT = [
  'a: &anchor 1\nb: *anchor\n',
  'a: !!str 1\n',
  '%YAML 1.2\n---\na: 1\n',
  'a: 1\n...\n',
  'a: 1\n---\nb: 2\n',
  '<<: {a: 1}\nb: 2\n',
  'a: 1\na: 2\n',
  'null: 1\n~: 2\n',
  '1: a\n"1": b\n',
  '__proto__: x\n',
  'a: multi\n  line plain\n',
  'a: "multi\n  line quoted"\n',
  'a:\tb\n',
  'a: 1\r\nb: 2\r\n',
  '\ufeffa: 1\n',
  'a: b: c\n',
  'a: b:\n',
  'a: - b\n',
  '? complex\n: key\n',
  'a:\n  scalar on its own line\n',
  'a: [multi,\n  line]\n',
  'a: [x,]\n',
  'a: [x, -]\n',
  'a: {x}\n',
  'a: {x:1}\n',
  'a: [a: b]\n',
  'a: "x"y\n',
  'a: "x"# no space\n',
  'a: |2\n  indicator\n',
  'a: |\n\n  leading blank line\n',
  'a: |\n      more\n    \n    blank line with more spaces than the content\n',
  'a: >\n  folded\n    more indented\n',
  'a: |\nb: empty block scalar\n',
  'a: 1\n - b\n',
  'a:\n  b: 1\n c: 2\n',
  'key : value\n',
  'a: @reserved\n',
  'a: `reserved\n',
  'a: %reserved\n',
  'a: "\\q bad escape"\n',
  'a: "\\x4"\n',
  'a: \u0085\n',
  'scalar root\n',
  '- a\nb: 1\n',
];

describe('the fast YAML reader', () => {
  it('reads the subset, each text to the value yaml gives', () => {
    for (const text of READ) assertReadsLikeYaml(text);
  });

  it('leaves everything else to yaml', () => {
    for (const text of LEFT) assert.equal(readPlainYaml(text), undefined, JSON.stringify(text));
  });

  it('gives up, rather than overflow its stack, on deep nesting', () => {
    assert.equal(readPlainYaml(`${'- '.repeat(100_000)}a\n`), undefined);
    assert.equal(readPlainYaml(`a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`), undefined);
    const nested = Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    assert.equal(readPlainYaml(`${nested} 1\n`), undefined);
    assertReadsLikeYaml(`${Array.from({ length: 100 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n`);
  });

  it('resolves plain scalars as the YAML 1.2 core schema does', () => {
    const cases = ['', '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE', '0o7', '0o8', '0x', '0xfF', '-0x1',
      '+1', '-1', '01', '1_000', '1.', '.1', '+.5e-3', '1E10', '1e', '.inf', '+.INF', '-.inf', '.nan', '.NAN', 'nan', 'inf', '+', '.', 'e3', 'tru'];
    for (const s of cases) assert.deepStrictEqual(plainScalarValue(s), (yamlValue(`v: ${s}\n`) as { v: unknown }).v, s);
  });

  it('agrees with yaml on generated documents', () => {
    let read = 0;
    const total = 3000;
    for (let seed = 1; seed <= total; seed++) {
      const text = generate(seed);
      const fast = readPlainYaml(text);
      if (fast === undefined) continue;
      read++;
      assert.deepStrictEqual(fast.value, yamlValue(text), `seed ${seed}:\n${text}`);
      assert.deepEqual(spanDisagreements(text).problems, [], `spans, seed ${seed}:\n${text}`);
    }
    // Most generated documents are in the subset; the count guards against a reader that gives up.
    assert.ok(read > total / 2, `only ${read} of ${total} generated documents were read`);
  });
});


const PLAIN = ['a', 'b c', '1', '-1', '0.5', 'true', 'null', '~', '0o7', '0x1A', '1e3', '.inf', 'x:y', 'a#b', "it's", 'say "hi"', '--flag=1', 'http://h:80/p', 'é'];
const QUOTED = ['"q"', "'s'", '"a: b"', "'it''s'", '"\\t\\n\\u00e9"', '""', "''", '"# not a comment"'];
const KEYS = ['name', 'image', 'args', 'k1', 'k2', 'x-y', 'a.b/c', '"quoted key"', "'sq'", '1', 'true'];

/** A random YAML document in (and sometimes just outside) the subset. */
function generate(seed: number): string {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const lines: string[] = [];
  const scalar = (): string => (rnd() < 0.7 ? pick(PLAIN) : pick(QUOTED));
  const flow = (): string => (rnd() < 0.5 ? `[${Array.from({ length: Math.floor(rnd() * 4) }, scalar).join(', ')}]` : `{${Array.from({ length: Math.floor(rnd() * 3) }, (_, i) => `f${i}: ${scalar()}`).join(', ')}}`);
  const blockScalar = (indent: number): string => {
    const header = `${pick(['|', '>'])}${pick(['', '-', '+'])}`;
    const body = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => (rnd() < 0.2 ? '' : ' '.repeat(indent + 2) + pick(['text', 'more text', '# hash', 'a: b', '- item', 'x  y'])));
    if (body[0] === '') body[0] = `${' '.repeat(indent + 2)}first`;
    lines.push(...body.slice(0, -1));
    const last = body[body.length - 1] ?? '';
    const trailing = Array.from({ length: Math.floor(rnd() * 3) }, () => '');
    return `${header}\n${[last, ...trailing].join('\n')}`;
  };
  const node = (indent: number, depth: number): void => {
    const pad = ' '.repeat(indent);
    const isSeq = rnd() < 0.4;
    const used = new Set<string>();
    const count = 1 + Math.floor(rnd() * 4);
    for (let i = 0; i < count; i++) {
      let head: string;
      if (isSeq) head = `${pad}- `;
      else {
        let key = pick(KEYS);
        while (used.has(key)) key = `${key}x`;
        used.add(key);
        head = `${pad}${key}: `;
      }
      const r = rnd();
      if (depth < 3 && r < 0.3) {
        lines.push(head.trimEnd());
        node(indent + (isSeq || rnd() < 0.8 ? 2 : 0), depth + 1);
      } else if (r < 0.4) {
        const start = lines.length;
        const rest = blockScalar(indent);
        const body = lines.splice(start);
        const [header, ...after] = rest.split('\n');
        lines.push(`${head}${header ?? ''}`, ...body, ...after);
      } else if (r < 0.5) lines.push(`${head}${flow()}`);
      else lines.push(`${head}${scalar()}${rnd() < 0.1 ? ' # note' : ''}`);
      if (rnd() < 0.1) lines.push(`${pad}# a comment`);
      if (rnd() < 0.05) lines.push('');
    }
  };
  if (rnd() < 0.3) lines.push('---');
  node(0, 0);
  return `${lines.join('\n')}\n`;
}
