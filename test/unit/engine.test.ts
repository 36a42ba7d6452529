import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parseDocument } from 'yaml';
import { splitDocuments } from '../../server/src/engine/chunks';
import { Engine } from '../../server/src/engine/engine';
import { recoverUnderIndented } from '../../server/src/engine/goYamlRecovery';
import { locate } from '../../server/src/engine/locate';
import type { SchemaNode } from '../../server/src/engine/schemaNav';
import { AJV_OPTIONS, type SchemaStore } from '../../server/src/engine/schemaStore';
import type { DocumentRule } from '../../server/src/engine/types';

const ajv = new Ajv(AJV_OPTIONS);
const jobSchemaJson: SchemaNode & object = {
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'spec'],
  properties: {
    apiVersion: { const: 'test/v1' },
    kind: { const: 'Job' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      additionalProperties: false,
      properties: {
        replicas: { type: 'integer', minimum: 0 },
        restartPolicy: { enum: ['Always', 'OnFailure', 'Never'] },
        port: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  },
};
const jobSchema = { validate: ajv.compile(jobSchemaJson), schema: jobSchemaJson };
const store: SchemaStore = { kinds: () => ['test/v1/Job'], schemaFor: (key) => (key === 'test/v1/Job' ? jobSchema : undefined) };

function engine(rules: readonly DocumentRule[] = []): Engine {
  return new Engine({ schemas: store, rulesFor: () => rules });
}

describe('splitDocuments', () => {
  it('splits at --- lines and after ..., covering the text end to end', () => {
    const text = 'a: 1\n---\nb: 2\n--- # c\nc: 3\n...\nd: 4\n';
    const chunks = splitDocuments(text);
    assert.deepEqual(chunks.map((c) => c.text), ['a: 1\n', '---\nb: 2\n', '--- # c\nc: 3\n...\n', 'd: 4\n']);
    assert.equal(chunks.map((c) => c.text).join(''), text);
    assert.deepEqual(chunks.map((c) => c.start), [0, 5, 14, 31]);
  });

  it('does not split at ---text or indented ---, and keeps directives with their document', () => {
    assert.equal(splitDocuments('a: |\n  ---\n---x: 1\n').length, 1);
    assert.deepEqual(splitDocuments('a: 1\n%YAML 1.2\n---\nb: 2\n').map((c) => c.text), ['a: 1\n', '%YAML 1.2\n---\nb: 2\n']);
  });
});

describe('recoverUnderIndented', () => {
  it('re-indents the continuation lines of a flow list the way Go YAML reads them', () => {
    const text = 'spec:\n  args: ["\n    echo hi\n  "]\n  next: 1\n';
    const r = recoverUnderIndented(text);
    assert.ok(r);
    assert.deepEqual(parseDocument(r.text).toJS(), { spec: { args: [' echo hi '], next: 1 } });
    assert.deepEqual(r.openers, [text.indexOf('[')]);
    assert.equal(r.mapOffset(r.text.indexOf('next')), text.indexOf('next'));
  });

  it('leaves well-indented text alone', () => {
    assert.equal(recoverUnderIndented('a: ["x",\n     "y"]\nb: "it\'s # not a comment"\n'), undefined);
  });
});

describe('locate', () => {
  const text = 'spec:\n  replicas: two\n  list:\n    - a\n    - b\n  base: &b {x: 1}\n  merged:\n    <<: *b\n';
  const doc = parseDocument(text, { merge: true });
  it('points at keys, values, list items and merged keys', () => {
    assert.deepEqual(locate(doc, ['spec', 'replicas']), [8, 16]);
    assert.deepEqual(locate(doc, ['spec', 'replicas'], 'value'), [18, 21]);
    const [s] = locate(doc, ['spec', 'list', 1]);
    assert.equal(text.slice(s, s + 1), 'b');
    const [m] = locate(doc, ['spec', 'merged', 'x']);
    assert.equal(text.slice(m, m + 1), 'x');
  });
  it('falls back to the deepest existing key for a missing field', () => {
    assert.deepEqual(locate(doc, ['spec', 'replicas', 'nope', 'deeper']), [8, 16]);
  });
});

describe('Engine', () => {
  it('maps schema errors to exact ranges with our messages', () => {
    const text = 'apiVersion: test/v1\nkind: Job\nspec:\n  replicas: "2"\n  restartpolicy: Never\n  restartPolicy: OnFail\n  port: [1]\n  labels: {a: ~}\n';
    const byCode = engine().validate('k', text).map((d) => [d.code, d.range.start.line, d.range.start.character, d.message]);
    assert.deepEqual(byCode, [
      ['MLW1002', 4, 2, "Unknown field 'restartpolicy': the API server rejects it under strict field validation. Did you mean 'restartPolicy'?"],
      ['MLW1001', 3, 12, 'Expected an integer, found the string "2".'],
      ['MLW1004', 5, 17, "The string \"OnFail\" is not allowed here; use one of: Always, OnFailure, Never. Did you mean 'OnFailure'?"],
      ['MLW1001', 6, 8, 'Expected an integer or a string, found a list.'],
      ['MLW1005', 7, 11, 'This field is null; the API server drops it, as if it were not written.'],
    ]);
  });

  it('reports a missing required field on the object that lacks it', () => {
    const d = engine().validate('k', 'apiVersion: test/v1\nkind: Job\n')[0];
    assert.ok(d);
    assert.equal(d.code, 'MLW1003');
    assert.match(JSON.stringify(d.message), /'spec' in the document/);
  });

  it('gives documents of unknown kinds no schema errors', () => {
    assert.deepEqual(engine().validate('k', 'apiVersion: other/v1\nkind: Thing\nspec: {anything: [1, 2]}\n'), []);
  });

  it('re-validates only the documents an edit changed', () => {
    let calls = 0;
    const counting: DocumentRule = () => {
      calls++;
      return [];
    };
    const e = engine([counting]);
    const docs = Array.from({ length: 50 }, (_, i) => `apiVersion: test/v1\nkind: Job\nspec: {replicas: ${i}}\n`);
    e.validate('big', docs.join('---\n'));
    assert.equal(calls, 50);
    docs[10] = 'apiVersion: test/v1\nkind: Job\nspec: {replicas: "x"}\n';
    const after = e.validate('big', docs.join('---\n'));
    assert.equal(calls, 51);
    // The finding of the edited document lands on its own line in the whole file.
    assert.deepEqual(after.map((d) => d.range.start.line), [10 * 4 + 2]);
    e.forget('big');
    e.validate('big', docs.join('---\n'));
    assert.equal(calls, 101);
  });

  it('stops at an alias bomb with a diagnostic instead of expanding it', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const [d] = engine().validate('k', `apiVersion: test/v1\nkind: Job\n${levels.join('\n')}\n`);
    assert.equal(d?.code, 'MLW0004');
  });

  it('warns (not errors) on what only Go YAML accepts, and still validates the document', () => {
    const text = 'apiVersion: test/v1\nkind: Job\nspec:\n  labels: {a: "\n  x"}\n  replicas: -1\n';
    const found = engine().validate('k', text).map((d) => [d.code, d.range.start.line]);
    assert.deepEqual(found, [['MLW0005', 3], ['MLW1006', 5]]);
  });
});
