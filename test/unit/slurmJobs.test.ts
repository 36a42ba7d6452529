import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  accountingDisabled, controlView, invalidJobId, normaliseState, parseExitCode, parseSacct, parseSbatchId, parseScontrol,
  parseSqueue, slurmTime,
} from '../../core/jobs/slurmParse';
import {
  directiveWords, expandOutput, fieldOptions, generateScript, planSubmission, readSbatchOptions, shellQuote,
} from '../../core/jobs/slurmScript';
import type { SlurmLaunch } from '../../protocol';

// The outputs below were captured from Slurm 22.05.8 (Debian 12, slurm-wlm) on this machine, with
// the one-node Slurm of scripts/slurm-local.sh (node `vm`, 2 CPUs, no slurmdbd).
const SCONTROL_RUNNING = 'JobId=1 JobName=big job UserId=root(0) GroupId=root(0) MCS_label=N/A Priority=4294901759 Nice=0 Account=(null) QOS=(null) JobState=RUNNING Reason=None Dependency=(null) Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=0:0 RunTime=00:00:00 TimeLimit=UNLIMITED TimeMin=N/A SubmitTime=2026-11-28T10:29:18 EligibleTime=2026-11-28T10:29:18 AccrueTime=2026-11-28T10:29:18 StartTime=2026-11-28T10:29:21 EndTime=Unknown Deadline=N/A SuspendTime=None SecsPreSuspend=0 LastSchedEval=2026-11-28T10:29:21 Scheduler=Main Partition=debug AllocNode:Sid=localhost:23520 ReqNodeList=(null) ExcNodeList=(null) NodeList=vm BatchHost=vm NumNodes=1 NumCPUs=2 NumTasks=2 CPUs/Task=1 ReqB:S:C:T=0:0:*:* TRES=cpu=2,node=1,billing=2 Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=1 MinMemoryNode=0 MinTmpDiskNode=0 Features=(null) DelayBoot=00:00:00 OverSubscribe=OK Contiguous=0 Licenses=(null) Network=(null) Command=(null) WorkDir=/tmp/sj StdErr=/tmp/sj/slurm-1.out StdIn=/dev/null StdOut=/tmp/sj/slurm-1.out Power= \n';
const SCONTROL_PENDING = 'JobId=2 JobName=waiter UserId=root(0) GroupId=root(0) MCS_label=N/A Priority=4294901758 Nice=0 Account=(null) QOS=(null) JobState=PENDING Reason=Resources Dependency=(null) Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=0:0 RunTime=00:00:00 TimeLimit=UNLIMITED TimeMin=N/A SubmitTime=2026-11-28T10:29:18 EligibleTime=2026-11-28T10:29:18 AccrueTime=2026-11-28T10:29:18 StartTime=Unknown EndTime=Unknown Deadline=N/A SuspendTime=None SecsPreSuspend=0 LastSchedEval=2026-11-28T10:29:21 Scheduler=Main Partition=debug AllocNode:Sid=localhost:23520 ReqNodeList=(null) ExcNodeList=(null) NodeList= NumNodes=1 NumCPUs=1 NumTasks=1 CPUs/Task=1 ReqB:S:C:T=0:0:*:* TRES=cpu=1,mem=21694M,node=1,billing=1 Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=1 MinMemoryNode=0 MinTmpDiskNode=0 Features=(null) DelayBoot=00:00:00 OverSubscribe=OK Contiguous=0 Licenses=(null) Network=(null) Command=(null) WorkDir=/tmp/sj StdErr=/tmp/sj/slurm-2.out StdIn=/dev/null StdOut=/tmp/sj/slurm-2.out Power= \n';
const SCONTROL_FAILED = 'JobId=3 JobName=fails UserId=root(0) GroupId=root(0) MCS_label=N/A Priority=4294901757 Nice=0 Account=(null) QOS=(null) JobState=FAILED Reason=NonZeroExitCode Dependency=(null) Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=3:0 RunTime=00:00:00 TimeLimit=UNLIMITED TimeMin=N/A SubmitTime=2026-11-28T10:29:18 EligibleTime=2026-11-28T10:29:18 AccrueTime=2026-11-28T10:29:18 StartTime=2026-11-28T10:29:22 EndTime=2026-11-28T10:29:22 Deadline=N/A SuspendTime=None SecsPreSuspend=0 LastSchedEval=2026-11-28T10:29:22 Scheduler=Main Partition=debug AllocNode:Sid=localhost:23520 ReqNodeList=(null) ExcNodeList=(null) NodeList=vm BatchHost=vm NumNodes=1 NumCPUs=1 NumTasks=1 CPUs/Task=1 ReqB:S:C:T=0:0:*:* TRES=cpu=1,node=1,billing=1 Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=1 MinMemoryNode=0 MinTmpDiskNode=0 Features=(null) DelayBoot=00:00:00 OverSubscribe=OK Contiguous=0 Licenses=(null) Network=(null) Command=(null) WorkDir=/tmp/sj StdErr=/tmp/sj/slurm-3.out StdIn=/dev/null StdOut=/tmp/sj/slurm-3.out Power= \n';
const SCONTROL_CANCELLED = 'JobId=1 JobName=big job UserId=root(0) GroupId=root(0) MCS_label=N/A Priority=4294901759 Nice=0 Account=(null) QOS=(null) JobState=CANCELLED Reason=None Dependency=(null) Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=0:15 RunTime=00:00:01 TimeLimit=UNLIMITED TimeMin=N/A SubmitTime=2026-11-28T10:29:18 EligibleTime=2026-11-28T10:29:18 AccrueTime=2026-11-28T10:29:18 StartTime=2026-11-28T10:29:21 EndTime=2026-11-28T10:29:22 Deadline=N/A SuspendTime=None SecsPreSuspend=0 LastSchedEval=2026-11-28T10:29:21 Scheduler=Main Partition=debug AllocNode:Sid=localhost:23520 ReqNodeList=(null) ExcNodeList=(null) NodeList=vm BatchHost=vm NumNodes=1 NumCPUs=2 NumTasks=2 CPUs/Task=1 ReqB:S:C:T=0:0:*:* TRES=cpu=2,node=1,billing=2 Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=1 MinMemoryNode=0 MinTmpDiskNode=0 Features=(null) DelayBoot=00:00:00 OverSubscribe=OK Contiguous=0 Licenses=(null) Network=(null) Command=(null) WorkDir=/tmp/sj StdErr=/tmp/sj/slurm-1.out StdIn=/dev/null StdOut=/tmp/sj/slurm-1.out Power= \n';
// A job name and an output path with blanks and a `|` in them (#SBATCH --job-name="a b|c", -o out-%x-%j-%u-%A-%a.txt).
const SCONTROL_SPACES = 'JobId=5 JobName=a b|c UserId=root(0) GroupId=root(0) JobState=COMPLETED Reason=None ExitCode=0:0 StartTime=2026-11-28T10:25:38 EndTime=2026-11-28T10:25:38 NumTasks=1 WorkDir=/tmp/sj StdErr=/tmp/sj/out-a b|c-5-root-5-4294967294.txt StdIn=/dev/null StdOut=/tmp/sj/out-a b|c-5-root-5-4294967294.txt Power= \n';
const SACCT_DISABLED = 'Slurm accounting storage is disabled\n';
const NOT_HELD = 'slurm_load_jobs error: Invalid job id specified\n';

/** A local time as ISO, the way the parser reads Slurm's times (in the tool's time zone). */
const local = (y: number, mo: number, d: number, h: number, mi: number, s: number): string => new Date(y, mo - 1, d, h, mi, s).toISOString();

describe('Slurm output parsers', () => {
  it('reads the job id of sbatch --parsable, with or without a cluster', () => {
    assert.equal(parseSbatchId('42\n'), '42');
    assert.equal(parseSbatchId('42;local\n'), '42');
    assert.equal(parseSbatchId('sbatch: warning: something\n43\n'), '43');
    assert.equal(parseSbatchId(''), undefined);
  });

  it('reads squeue rows (state, reason, nodes, a name that holds the separator)', () => {
    assert.deepEqual(parseSqueue('2|PENDING|Resources|1|waiter\n'), { id: '2', state: 'PENDING', reason: 'Resources', nodes: 1, name: 'waiter' });
    assert.deepEqual(parseSqueue('1|RUNNING|None|1|big job\n'), { id: '1', state: 'RUNNING', nodes: 1, name: 'big job' });
    assert.deepEqual(parseSqueue('5|COMPLETED|None|1|a b|c\n'), { id: '5', state: 'COMPLETED', nodes: 1, name: 'a b|c' });
    assert.equal(parseSqueue('3|FAILED|NonZeroExitCode|1|fails\n')?.state, 'FAILED');
    // A job that left the queue: nothing on stdout (exit 0), or this on stderr (exit 1).
    assert.equal(parseSqueue(''), undefined);
    assert.ok(invalidJobId(NOT_HELD));
  });

  it('normalises state words: `CANCELLED by 0`, a truncated `CANCELLED+`, rarer states', () => {
    assert.equal(normaliseState('CANCELLED by 0'), 'CANCELLED');
    assert.equal(normaliseState('CANCELLED+'), 'CANCELLED');
    assert.equal(normaliseState('completed'), 'COMPLETED');
    assert.equal(normaliseState('REQUEUED'), 'PENDING');
    assert.equal(normaliseState('OUT_OF_MEMORY'), 'OUT_OF_MEMORY');
    assert.equal(normaliseState('SOMETHING_NEW'), 'UNKNOWN');
  });

  it('reads times as local time, and Unknown/None as nothing', () => {
    assert.equal(slurmTime('2026-11-28T10:29:21'), local(2026, 11, 28, 10, 29, 21));
    assert.equal(slurmTime('Unknown'), undefined);
    assert.equal(slurmTime('None'), undefined);
    assert.equal(slurmTime(undefined), undefined);
  });

  it('reads ExitCode=N:S as an exit code or a signal', () => {
    assert.deepEqual(parseExitCode('3:0'), { exitCode: 3, reason: 'exit code 3' });
    assert.deepEqual(parseExitCode('0:15'), { reason: 'signal 15' });
    assert.equal(parseExitCode(''), undefined);
  });

  it('reads scontrol show job -o of a running, a pending, a failed and a cancelled job', () => {
    const running = controlView(parseScontrol(SCONTROL_RUNNING)!);
    assert.deepEqual(running, {
      state: 'RUNNING', exit: { exitCode: 0, reason: 'exit code 0' }, submittedAt: local(2026, 11, 28, 10, 29, 18),
      startedAt: local(2026, 11, 28, 10, 29, 21), ranks: 2, outputFile: '/tmp/sj/slurm-1.out',
    });
    const pending = controlView(parseScontrol(SCONTROL_PENDING)!);
    assert.equal(pending.state, 'PENDING');
    assert.equal(pending.reason, 'Resources');
    assert.equal(pending.startedAt, undefined);
    const failed = controlView(parseScontrol(SCONTROL_FAILED)!);
    assert.equal(failed.state, 'FAILED');
    assert.deepEqual(failed.exit, { exitCode: 3, reason: 'exit code 3' });
    assert.equal(failed.endedAt, local(2026, 11, 28, 10, 29, 22));
    const cancelled = controlView(parseScontrol(SCONTROL_CANCELLED)!);
    assert.equal(cancelled.state, 'CANCELLED');
    assert.deepEqual(cancelled.exit, { reason: 'signal 15' });
    assert.equal(parseScontrol(NOT_HELD), undefined);
  });

  it('keeps blanks in scontrol values (a job name, an output path)', () => {
    const fields = parseScontrol(SCONTROL_SPACES)!;
    assert.equal(fields.get('JobName'), 'a b|c');
    assert.equal(fields.get('StdOut'), '/tmp/sj/out-a b|c-5-root-5-4294967294.txt');
    assert.equal(fields.get('Power'), '');
  });

  it('reads sacct rows, and knows the answer of a Slurm without accounting', () => {
    assert.ok(accountingDisabled(SACCT_DISABLED));
    assert.equal(parseSacct('', '7'), undefined);
    // sacct's format where slurmdbd runs (not on this machine): -P separates with |.
    assert.deepEqual(parseSacct('7|CANCELLED by 0|0:15|2026-11-28T10:29:21|2026-11-28T10:29:22\n', '7'), {
      state: 'CANCELLED', exit: { reason: 'signal 15' }, startedAt: local(2026, 11, 28, 10, 29, 21), endedAt: local(2026, 11, 28, 10, 29, 22),
    });
    assert.deepEqual(parseSacct('8|PENDING|0:0|Unknown|Unknown\n', '8'), { state: 'PENDING', exit: { exitCode: 0, reason: 'exit code 0' } });
  });
});

describe('Slurm batch scripts and sbatch arguments', () => {
  it('quotes words for the shell so that they arrive literally', () => {
    assert.equal(shellQuote('plain-word_1.txt'), 'plain-word_1.txt');
    assert.equal(shellQuote('a b'), `'a b'`);
    assert.equal(shellQuote('$(id)'), `'$(id)'`);
    assert.equal(shellQuote('x;y'), `'x;y'`);
    assert.equal(shellQuote(`it's`), `'it'\\''s'`);
    assert.equal(shellQuote(''), `''`);
    assert.equal(shellQuote('A=b'), `'A=b'`);
  });

  it('generates a script with #SBATCH lines, exports and the quoted command', () => {
    const spec: SlurmLaunch = {
      kind: 'slurm', name: 'train "big"', command: ['python3', 'train.py', '--msg', 'a b', '$(id)'], nodes: 2, ntasksPerNode: 4,
      cpusPerTask: 8, gres: 'gpu:4', time: '01:00:00', partition: 'gpu', account: 'ml', env: { NCCL_DEBUG: 'INFO', LIST: "a,b 'c'" },
    };
    assert.equal(generateScript(spec), [
      '#!/bin/bash',
      '# Generated by MLOps Workbench from a Slurm launch configuration.',
      '#SBATCH --job-name="train _big_"',
      '#SBATCH --nodes=2',
      '#SBATCH --ntasks-per-node=4',
      '#SBATCH --cpus-per-task=8',
      '#SBATCH --gres=gpu:4',
      '#SBATCH --time=01:00:00',
      '#SBATCH --partition=gpu',
      '#SBATCH --account=ml',
      '',
      'export NCCL_DEBUG=INFO',
      `export LIST='a,b '\\''c'\\'''`,
      `exec srun python3 train.py --msg 'a b' '$(id)'`,
      '',
    ].join('\n'));
  });

  it('runs one task without srun, named after the program', () => {
    const script = generateScript({ kind: 'slurm', command: ['/usr/bin/env', 'x;y'] });
    assert.match(script, /^#SBATCH --job-name=env$/m);
    assert.match(script, /^exec \/usr\/bin\/env 'x;y'$/m);
    assert.doesNotMatch(script, /srun/);
  });

  it('refuses what it cannot write safely', () => {
    assert.throws(() => generateScript({ kind: 'slurm' }), /script.*command/);
    assert.throws(() => generateScript({ kind: 'slurm', command: ['true'], env: { 'BAD-NAME': '1' } }), /environment variable name/);
    assert.throws(() => generateScript({ kind: 'slurm', command: ['true'], partition: 'a\nb' }), /line break/);
  });

  it('reads #SBATCH lines up to the first command, with quotes and trailing comments', () => {
    const text = '#!/bin/bash\n#SBATCH --job-name="a b|c"  # comment\n# a comment\n#SBATCH -o out-%x-%j.txt -n 4\n\necho hi\n#SBATCH --nodes=9\n';
    assert.deepEqual(directiveWords(text), ['--job-name=a b|c', '-o', 'out-%x-%j.txt', '-n', '4']);
    assert.deepEqual(readSbatchOptions(directiveWords(text)), { jobName: 'a b|c', output: 'out-%x-%j.txt', ntasks: 4 });
    assert.deepEqual(readSbatchOptions(['-Jname', '--output', 'o.txt', '-N2', '--ntasks-per-node=3', '--chdir=/w']), {
      jobName: 'name', output: 'o.txt', nodes: 2, ntasksPerNode: 3, chdir: '/w',
    });
  });

  it('expands the output patterns it can, and leaves the rest to scontrol', () => {
    const job = { id: '17', name: 'train', user: 'ada' };
    assert.equal(expandOutput('/w/slurm-%j.out', job), '/w/slurm-17.out');
    assert.equal(expandOutput('/w/%x-%u-%A-%5j-%%.log', job), '/w/train-ada-17-00017-%.log');
    assert.equal(expandOutput('/w/%N-%j.out', job), undefined);
    assert.equal(expandOutput('/w/%a.out', job), undefined);
    assert.equal(expandOutput('/w/lit\\%j.out', job), '/w/lit%j.out');
  });

  it('puts the fields of a launch over an existing script as sbatch options', () => {
    const spec: SlurmLaunch = { kind: 'slurm', script: 'job.sh', name: 'override', ntasks: 2, time: '5', partition: 'debug', sbatchArgs: ['--exclusive'], env: { FOO: 'a,b c' } };
    assert.deepEqual(fieldOptions(spec), ['--job-name=override', '--ntasks=2', '--time=5', '--partition=debug']);
    const plan = planSubmission(spec, '/w/job.sh', '#!/bin/bash\n#SBATCH -J from-script\n#SBATCH -o logs/%x-%j.log\n', { cwd: '/w', generated: false });
    assert.deepEqual(plan, {
      // The script's own output option stays; the environment travels in sbatch's environment, by name.
      args: ['--parsable', '--chdir=/w', '--export=ALL,FOO', '--job-name=override', '--ntasks=2', '--time=5', '--partition=debug', '--exclusive', '/w/job.sh'],
      name: 'override',
      outputPattern: '/w/logs/%x-%j.log',
      ranks: 2,
      env: { FOO: 'a,b c' },
    });
  });

  it('writes the output beside the job by default, and keeps a script\'s own working folder', () => {
    const plan = planSubmission({ kind: 'slurm', script: 'j.sh' }, '/w/j.sh', '#!/bin/sh\n#SBATCH --chdir=run\n#SBATCH --ntasks-per-node=2 --nodes=3\n', { cwd: '/w', generated: false });
    assert.deepEqual(plan.args, ['--parsable', '--output=/w/run/slurm-%j.out', '/w/j.sh']);
    assert.equal(plan.name, 'j.sh');
    assert.equal(plan.ranks, 6);
    const generated = planSubmission({ kind: 'slurm', command: ['true'], cwd: 'sub', ntasks: 3 }, '/store/x.sbatch', generateScript({ kind: 'slurm', command: ['true'], ntasks: 3 }), { cwd: '/w', generated: true });
    assert.deepEqual(generated.args, ['--parsable', '--chdir=/w/sub', '--output=/w/sub/slurm-%j.out', '/store/x.sbatch']);
    assert.equal(generated.name, 'true');
    assert.equal(generated.ranks, 3);
  });
});
