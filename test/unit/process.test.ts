import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run, ToolMissingError } from '../../core/process';

describe('core/process run', () => {
  it('passes arguments literally: no shell sees spaces, quotes, ; or $()', async () => {
    const tricky = ['a b', "'quoted'", '"double"', 'x;echo no', '$(id)', '`id`', '*'];
    const r = await run(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', ...tricky]);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), tricky);
  });

  it('names what to install when the tool is missing', async () => {
    await assert.rejects(run('kubectl-that-does-not-exist', []), (e) => e instanceof ToolMissingError && /not found on PATH/.test(e.message));
  });

  it('returns the exit status and the error output', async () => {
    const r = await run(process.execPath, ['-e', 'process.stderr.write("boom"); process.exit(3)']);
    assert.equal(r.code, 3);
    assert.equal(r.stderr, 'boom');
  });
});
