import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { run, start, ToolMissingError } from '../../core/process';
import { parseStat, procInfo, treeMembers, type ProcInfo } from '../../core/procTree';

const STUBBORN = join(__dirname, '..', 'fixtures', 'mpi', 'stubborn.js');

/** The pids a stubborn.js prints once it and its child run. */
function readyPids(stdout: NodeJS.ReadableStream): Promise<number[]> {
  return new Promise((resolve) => {
    let text = '';
    stdout.on('data', (b: Buffer) => {
      text += b.toString();
      const m = /ready (\d+) (\d+)/.exec(text);
      if (m !== null) resolve([Number(m[1]), Number(m[2])]);
    });
  });
}

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

  it('cancel kills the whole tree, a child that ignores SIGTERM included', async () => {
    const controller = new AbortController();
    const job = await start(process.execPath, [STUBBORN], { signal: controller.signal, graceMs: 200 });
    const pids = await readyPids(job.stdout);
    controller.abort();
    const exit = await job.exited;
    assert.equal(exit.signal, 'SIGKILL');
    // The grandchild went too (the process is gone, or a zombie its parent's death left to init).
    await job.cancel();
    for (const pid of pids) assert.ok(procInfo(pid) === undefined || /\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')), `process ${pid} is left`);
  });

  it('run with an aborted signal ends the run', async () => {
    const controller = new AbortController();
    const running = run(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { signal: controller.signal, graceMs: 100 });
    setImmediate(() => {
      controller.abort();
    });
    const r = await running;
    assert.ok(r.signal === 'SIGTERM' || r.signal === 'SIGKILL', String(r.signal));
  });
});

describe('process trees', () => {
  it('parses /proc/PID/stat with spaces and parentheses in the name', () => {
    const stat = '4242 (my (odd) prog) S 17 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 987654 0 0';
    assert.deepEqual(parseStat(stat), { pid: 4242, ppid: 17, pgid: 4242, sid: 4242, startTicks: 987654 });
    assert.equal(parseStat('garbage'), undefined);
  });

  it('follows sessions, groups, children, and members seen before that left the session', () => {
    const p = (pid: number, ppid: number, pgid: number, sid: number): ProcInfo => ({ pid, ppid, pgid, sid, startTicks: pid * 10 });
    const table = [p(100, 1, 100, 100), p(101, 100, 100, 100), p(102, 101, 102, 102), p(103, 102, 102, 102), p(200, 1, 200, 200), p(300, 1, 300, 300), p(301, 300, 300, 300)];
    assert.deepEqual(treeMembers(100, table).sort(), [100, 101, 102, 103]);
    // 300 made its own session and was re-parented to init: only an earlier scan knows it.
    assert.deepEqual(treeMembers(100, table, new Map([[300, 3000]])).sort(), [100, 101, 102, 103, 300, 301]);
    // A reused pid (another start time) is not the process seen before.
    assert.deepEqual(treeMembers(100, table, new Map([[300, 1]])).sort(), [100, 101, 102, 103]);
  });
});
