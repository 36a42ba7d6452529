import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { modeline, SchemaAssociations } from '../../server/src/engine/association';
import { ExternalSchemas } from '../../server/src/engine/externalSchemas';
import { globToRegExp, matchesGlob } from '../../server/src/engine/glob';
import { createEngine } from '../../server/src/services/validate';

const DIR = join(__dirname, '..', 'fixtures', 'association');

function engineWith(settings: Record<string, string | string[]>): ReturnType<typeof createEngine> {
  const associations = new SchemaAssociations();
  associations.configure(settings, [DIR]);
  return createEngine({ associations, externalSchemas: new ExternalSchemas(undefined, () => undefined) });
}

function check(file: string, settings: Record<string, string | string[]> = {}): string[] {
  const path = join(DIR, file);
  return engineWith(settings).validate(path, readFileSync(path, 'utf8')).map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)} ${typeof d.message === 'string' ? d.message : ''}`);
}

describe('schema association, one fixture per rule', () => {
  it('1a. our modeline names the schema, relative to the document', () => {
    assert.deepEqual(check('modeline-ours.yaml'), ["2:0 MLW1002 Unknown field 'colour': the tool that reads this file rejects or ignores it."]);
  });
  it("1b. yaml-language-server's modeline works the same", () => {
    assert.deepEqual(check('modeline-yls.yaml'), ['2:6 MLW1001 Expected an integer, found the string "large".']);
  });
  it('1c. a modeline beats the setting that matches the file (a 2020-12 schema)', () => {
    assert.deepEqual(check('modeline-wins.widget.yaml', { 'schemas/widget.json': '*.widget.yaml' }), []);
  });
  it('2. the mlops.schemas setting applies a schema to the files its glob matches', () => {
    assert.deepEqual(check('by-settings.widget.yaml', { 'schemas/widget.json': ['*.widget.yaml'] }).map((d) => d.slice(0, 12)), ['1:0 MLW1002 ']);
    assert.deepEqual(check('by-settings.widget.yaml'), [], 'without the setting it is a document of no known kind');
  });
  it('3. without a modeline or a setting, apiVersion/kind decides', () => {
    assert.deepEqual(check('by-content.yaml').map((d) => d.slice(0, 12)), ['7:16 MLW1001']);
  });
  it('4. and last, the file name (dvc.yaml)', () => {
    const found = check('pipeline/dvc.yaml');
    assert.ok(found.some((d) => d.includes("Unknown field 'unknown_field'")), found.join('\n'));
  });
  it('a schema that cannot be loaded gives one warning that says what to fix', () => {
    const found = check('missing-schema.yaml');
    assert.equal(found.length, 1);
    assert.match(found[0] ?? '', /^0:0 MLW0103 The schema file .*nope\.json does not exist/);
  });
});

describe('modelines and globs', () => {
  it('reads a modeline only from the comment lines before content', () => {
    assert.equal(modeline('---\n# a comment\n# mlops: schema=https://example.com/s.json\na: 1\n'), 'https://example.com/s.json');
    assert.equal(modeline('a: 1\n# mlops: schema=x.json\n'), undefined);
  });
  it('matches globs the way yaml.schemas does', () => {
    assert.ok(globToRegExp('**/*.{yaml,yml}').test('a/b/c.yml'));
    assert.ok(matchesGlob('*.widget.yaml', '/w/x/y.widget.yaml', ['/w']));
    assert.ok(matchesGlob('deploy/**/*.yaml', '/w/deploy/a/b.yaml', ['/w']));
    assert.ok(!matchesGlob('deploy/*.yaml', '/w/deploy/a/b.yaml', ['/w']));
  });
});

describe('schemas fetched by URL', () => {
  const cache = mkdtempSync(join(tmpdir(), 'mlops-schema-cache-'));
  after(() => {
    rmSync(cache, { recursive: true, force: true });
  });
  const url = 'https://schemas.example.com/widget.json';
  const schema = readFileSync(join(DIR, 'schemas', 'widget.json'), 'utf8');

  it('fetches in the background, tells when it arrived, and keeps a copy', async () => {
    let arrived!: () => void;
    const loaded = new Promise<void>((resolve) => (arrived = resolve));
    const store = new ExternalSchemas(cache, () => { arrived(); }, () => Promise.resolve(schema));
    assert.deepEqual(store.get(url), {}, 'not there yet: nothing to report');
    await loaded;
    assert.ok(store.get(url).schema);
  });

  it('falls back to the cached copy with one warning when the URL cannot be fetched', async () => {
    let arrived!: () => void;
    const loaded = new Promise<void>((resolve) => (arrived = resolve));
    const store = new ExternalSchemas(cache, () => { arrived(); }, () => Promise.reject(new Error('ENOTFOUND schemas.example.com')));
    assert.ok(store.get(url).schema, 'the cached copy applies at once');
    await loaded;
    const after = store.get(url);
    assert.ok(after.schema);
    assert.match(after.problem ?? '', /cannot be fetched \(ENOTFOUND schemas\.example\.com\): using the copy cached on \d{4}-\d\d-\d\d/);
  });

  it('without a cached copy, says the document is not checked against it', async () => {
    let arrived!: () => void;
    const loaded = new Promise<void>((resolve) => (arrived = resolve));
    const store = new ExternalSchemas(undefined, () => { arrived(); }, () => Promise.reject(new Error('HTTP 404')));
    store.get(url);
    await loaded;
    assert.match(store.get(url).problem ?? '', /cannot be fetched \(HTTP 404\) and there is no cached copy/);
  });
});
