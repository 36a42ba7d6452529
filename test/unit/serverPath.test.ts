import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { locateServer } from '../../client/src/serverPath';

describe('locateServer', () => {
  const ext = mkdtempSync(join(tmpdir(), 'mlops-ext-'));
  mkdirSync(join(ext, 'dist'));
  writeFileSync(join(ext, 'dist', 'server.js'), '');
  const custom = join(ext, 'custom.js');
  writeFileSync(custom, '');

  it('prefers the setting, then the environment, then the bundled server', () => {
    assert.deepEqual(locateServer(custom, { MLOPS_SERVER_PATH: '/nope' }, ext), { path: custom, origin: 'setting' });
    assert.deepEqual(locateServer(null, { MLOPS_SERVER_PATH: custom }, ext), { path: custom, origin: 'environment' });
    assert.deepEqual(locateServer('', {}, ext), { path: join(ext, 'dist', 'server.js'), origin: 'bundled' });
  });

  it('says which source named a missing server', () => {
    assert.throws(() => locateServer('/does/not/exist.js', {}, ext), /mlops\.server\.path setting/);
    assert.throws(() => locateServer(undefined, { MLOPS_SERVER_PATH: '/x.js' }, ext), /MLOPS_SERVER_PATH/);
  });
});
