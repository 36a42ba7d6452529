import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { isBatchScript, isBatchScriptName, isServedFileName, looksLikeBatchScript } from '../../server/src/services/fileKinds';
import { validateFile } from '../../server/src/services/validate';
import { validateBatchScript } from '../../server/src/slurm/check';
import { findLongOption, findShortOption, matchLongOption, sbatchOptions } from '../../server/src/slurm/options';
import { parseBatchScript, type DirectiveItem, type ParsedOption } from '../../server/src/slurm/parse';
import { msg, ruleChecks } from '../helpers/ruleChecks';

const SHEBANG = '#!/bin/bash\n';

const { expectOne, none } = ruleChecks(validateBatchScript);

/** The options of the script's first directive. */
function optionsOf(line: string): ParsedOption[] {
  const [d] = parseBatchScript(SHEBANG + line).directives;
  return (d?.items ?? []).filter((i: DirectiveItem): i is ParsedOption => i.kind === 'option');
}

/** Offsets within the directive line (the shebang line shifts them by its length). */
function at(o: ParsedOption): { name: [number, number]; value?: [number, number]; text?: string } {
  const shift = SHEBANG.length;
  const out: { name: [number, number]; value?: [number, number]; text?: string } = { name: [o.nameSpan.start - shift, o.nameSpan.end - shift] };
  if (o.value !== undefined) {
    out.value = [o.value.span.start - shift, o.value.span.end - shift];
    out.text = o.value.text;
  }
  return out;
}

describe('sbatch option table', () => {
  it('has unique long names and letters, and values for every enum', () => {
    const names = sbatchOptions.map((o) => o.name);
    assert.equal(new Set(names).size, names.length);
    const letters = sbatchOptions.flatMap((o) => (o.short === undefined ? [] : [o.short]));
    assert.equal(new Set(letters).size, letters.length);
    for (const o of sbatchOptions) {
      if (o.kind === 'enum' || o.kind === 'enumList') assert.ok((o.values ?? []).length > 0, o.name);
      assert.equal(o.arg === 'none', o.kind === 'none', o.name);
      if (o.aliasOf !== undefined) assert.ok(findLongOption(o.aliasOf), o.name);
    }
    assert.ok(sbatchOptions.length > 100);
  });

  it('resolves letters, exact names and unambiguous prefixes like getopt_long', () => {
    assert.equal(findShortOption('N')?.name, 'nodes');
    assert.equal(findShortOption('G')?.name, 'gpus');
    assert.deepEqual(matchLongOption('time'), { kind: 'exact', option: findLongOption('time') });
    assert.equal(matchLongOption('part').kind, 'prefix');
    assert.equal(matchLongOption('gpus-per').kind, 'ambiguous');
    assert.equal(matchLongOption('nosuch').kind, 'unknown');
  });
});

describe('parseBatchScript', () => {
  it('gives the offsets of names and values in every form', () => {
    assert.deepEqual(optionsOf('#SBATCH --nodes=2').map(at), [{ name: [8, 15], value: [16, 17], text: '2' }]);
    assert.deepEqual(optionsOf('#SBATCH --nodes 2').map(at), [{ name: [8, 15], value: [16, 17], text: '2' }]);
    assert.deepEqual(optionsOf('#SBATCH -N 2').map(at), [{ name: [8, 10], value: [11, 12], text: '2' }]);
    assert.deepEqual(optionsOf('#SBATCH -N2').map(at), [{ name: [8, 10], value: [10, 11], text: '2' }]);
    assert.deepEqual(optionsOf('#SBATCH -Hv').map(at), [{ name: [8, 10] }, { name: [10, 11] }]);
  });

  it('reads several options on a line, quotes, and stops at a trailing comment', () => {
    const opts = optionsOf('#SBATCH -N 2 --job-name="my job" --time=10 # two nodes --mem=1');
    assert.deepEqual(opts.map((o) => o.option?.name), ['nodes', 'job-name', 'time']);
    assert.deepEqual(opts.map(at), [
      { name: [8, 10], value: [11, 12], text: '2' },
      { name: [13, 23], value: [24, 32], text: 'my job' },
      { name: [33, 39], value: [40, 42], text: '10' },
    ]);
    assert.equal(optionsOf('#SBATCH --output=a#b')[0]?.value?.text, 'a');
  });

  it('finds the shebang, the first command, ignored directives and exports', () => {
    const text = '#!/bin/bash\n# a comment\n\n#SBATCH -N 1\n  #SBATCH -n 2\nexport NCCL_DEBUG=INFO\n#SBATCH -t 5\nexport A="x y" B=\'$z\' C=$HOME\nexport D\n';
    const s = parseBatchScript(text);
    assert.deepEqual(s.shebang, { text: '#!/bin/bash', span: { start: 0, end: 11 } });
    assert.equal(s.firstCommand?.line, 5);
    assert.deepEqual(s.directives.map((d) => [d.line, d.indented, d.afterFirstCommand]), [[3, false, false], [4, true, false], [6, false, true]]);
    const e = s.exports.map((x) => [x.line, x.name, text.slice(x.nameSpan.start, x.nameSpan.end), x.value, x.valueSpan === undefined ? undefined : text.slice(x.valueSpan.start, x.valueSpan.end), x.dynamic]);
    assert.deepEqual(e, [
      [5, 'NCCL_DEBUG', 'NCCL_DEBUG', 'INFO', 'INFO', false],
      [7, 'A', 'A', 'x y', 'x y', false],
      [7, 'B', 'B', '$z', '$z', false],
      [7, 'C', 'C', '$HOME', '$HOME', true],
      [8, 'D', 'D', undefined, undefined, false],
    ]);
  });
});

describe('MLW2001 unknown option', () => {
  it('suggests the closest long option', () => {
    expectOne(`${SHEBANG}#SBATCH --nodes=1\n#SBATCH --tme=10\n`, 'MLW2001', 2, 8, 'unknown sbatch option --tme; did you mean --time?');
  });
  it('flags a misspelt letter, a long name with one dash, an ambiguous prefix and a stray word', () => {
    expectOne(`${SHEBANG}#SBATCH -X 2\n`, 'MLW2001', 1, 8, 'did you mean -x (--exclude)?');
    expectOne(`${SHEBANG}#SBATCH -nodes=2\n`, 'MLW2001', 1, 8, "sbatch reads it as -n (--ntasks) with the value 'odes=2'; write --nodes");
    expectOne(`${SHEBANG}#SBATCH --gpus-per=2\n`, 'MLW2001', 1, 8, 'it could be --gpus-per-node, --gpus-per-socket, --gpus-per-task');
    expectOne(`${SHEBANG}#SBATCH --hold please\n`, 'MLW2002', 1, 15, "--hold takes no value, so 'please' is left over");
    expectOne(`${SHEBANG}#SBATCH nodes=2\n`, 'MLW2001', 1, 8, "'nodes=2' is not an sbatch option");
  });
  it('accepts known options, letters and unambiguous prefixes', () => {
    none(`${SHEBANG}#SBATCH --part=gpu -N 2 -c4 --gpus-per-node=4 --cluster=a\n`, 'MLW2001');
  });
});

describe('MLW2002 malformed value', () => {
  const cases: [string, number, string][] = [
    ['--time=1h', 15, "sbatch does not read units such as 'h'"],
    ['-t 1:00:00:00', 11, "'1:00:00:00' is not a time limit"],
    ['--gres=gpu=2', 15, "'gpu=2' does not start with a resource name"],
    ['--gres=gpu:a100:four', 15, "'four' in 'gpu:a100:four' is not a count"],
    ['--gpus-per-node=gpu:a100:4', 24, "repeats 'gpu:'"],
    ['--gpus-per-task=a100:x', 24, 'is not a GPU count'],
    ['--mem=1.5G', 14, 'write 1536M rather than 1.5G'],
    ['--mem-per-gpu=lots', 22, "'lots' is not a size"],
    ['--nodes=4-2', 16, 'the minimum is above the maximum'],
    ['--nodes=two', 16, "'two' is not a node count"],
    ['--ntasks=0', 17, 'it must be at least 1'],
    ['--cpus-per-task=1.5', 24, "'1.5' is not a whole number"],
    ['--mail-type=END,FAILL', 20, 'did you mean FAIL?'],
    ['--exclusive=node', 20, "'node' is not one of exclusive, oversubscribe, user, mcs, topo"],
    ['--open-mode=overwrite', 20, 'write append or truncate'],
    ['--requeue=2', 18, "'2' is not one of expedited"],
    ['--hold=yes', 15, '--hold takes no value'],
    ['--array=1-10%', 16, 'is not a list of array indexes'],
    ['--dependency=afterok', 21, 'needs job ids after the type'],
    ['--dependency=aftrok:12', 21, 'did you mean afterok?'],
    ['--signal=USR1@99999', 17, 'above 65535 seconds'],
    ['-J=train', 10, "gives --job-name the value '=train'"],
    ['--job-name="a b', 19, 'never closed'],
  ];
  for (const [option, character, fragment] of cases) {
    it(`flags ${option}`, () => {
      expectOne(`${SHEBANG}#SBATCH ${option}\n`, 'MLW2002', 1, character, fragment);
    });
  }

  it('flags a missing value and a value written after a space for an option that takes it only after =', () => {
    expectOne(`${SHEBANG}#SBATCH --time\n`, 'MLW2002', 1, 8, '--time needs a value (<time>)');
    expectOne(`${SHEBANG}#SBATCH --output --nodes=2\n`, 'MLW2002', 1, 8, '--output needs a value');
    expectOne(`${SHEBANG}#SBATCH --exclusive user\n`, 'MLW2002', 1, 20, 'write --exclusive=user');
  });

  it('accepts every documented form', () => {
    const good = [
      '--time=30', '--time=30:00', '--time=12:00:00', '--time=2-12', '--time=2-12:30', '--time=2-12:30:00', '--time=UNLIMITED', '-t infinite',
      '--gres=gpu:a100:4,shard:2', '--gres=gpu', '--gres=gpu:2', '--gres=none', '--gres=gpu:a100',
      '--gpus=8', '--gpus=a100:8', '--gpus-per-node=h100:4,a100:2', '--mem=0', '--mem=16GB', '--mem-per-cpu=512', '--tmp=1T',
      '--nodes=2-4', '-N 1k', '--nodes=1,4,8', '--nodes=1-15:4', '--exclusive', '--exclusive=user', '--open-mode=append',
      '--mail-type=begin,end', '--array=0-15%4', '--array=1,3,5', '--dependency=afterok:12:13,afterany:14', '--dependency=singleton',
      '--signal=B:USR1@300', '--no-kill', '--no-kill=off', '--nice=-5', '--nice', '-B 2:8:2', '--switches=1@30:00', '--priority=TOP',
      '--requeue', '--requeue=expedited', '--hint=nomultithread', '--gres-flags=enforce-binding', '-w node[01-04],login1',
    ];
    none(`${SHEBANG}${good.map((g) => `#SBATCH ${g}`).join('\n')}\n`, 'MLW2002');
  });
});

describe('MLW2003 contradictions', () => {
  it('shows the arithmetic when --ntasks differs from --nodes × --ntasks-per-node', () => {
    const d = expectOne(`${SHEBANG}#SBATCH --nodes=2\n#SBATCH --ntasks-per-node=8\n#SBATCH --ntasks=12\n`, 'MLW2003', 3, 8, '--ntasks=12 differs from --nodes × --ntasks-per-node = 2 × 8 = 16');
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    none(`${SHEBANG}#SBATCH -N 2 --ntasks-per-node=8 -n 16\n`, 'MLW2003');
    none(`${SHEBANG}#SBATCH -N 2-4 --ntasks-per-node=8 -n 16\n`, 'MLW2003');
  });

  it('is an error for --mem with --mem-per-cpu or --mem-per-gpu, and for --exclusive with --oversubscribe', () => {
    const d = expectOne(`${SHEBANG}#SBATCH --mem=64G\n#SBATCH --mem-per-cpu=4G\n`, 'MLW2003', 2, 8, '--mem-per-cpu cannot be combined with --mem (line 2)');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    expectOne(`${SHEBANG}#SBATCH --mem-per-gpu=40G --mem=0\n`, 'MLW2003', 1, 26, '--mem cannot be combined with --mem-per-gpu');
    expectOne(`${SHEBANG}#SBATCH --exclusive\n#SBATCH -s\n`, 'MLW2003', 2, 8, 'sbatch 23.02 and later refuse the script');
  });

  it('warns on the earlier of two different values, where the last one wins', () => {
    const d = expectOne(`${SHEBANG}#SBATCH --time=1:00:00\n#SBATCH -t 2:00:00\n`, 'MLW2003', 1, 8, 'given again on line 3 (--time=2:00:00); sbatch keeps the last value, so --time=1:00:00 here has no effect');
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    none(`${SHEBANG}#SBATCH --nodes=2\n#SBATCH -N 2\n#SBATCH --mail-type=END\n#SBATCH --mail-type=FAIL\n`, 'MLW2003');
  });

  it('leaves out directives sbatch ignores', () => {
    none(`${SHEBANG}#SBATCH --time=10\necho hi\n#SBATCH --time=20\n`, 'MLW2003');
  });
});

describe('MLW2004 ignored directives', () => {
  it('points at a directive after the first command and names that line', () => {
    const text = `${SHEBANG}#SBATCH -N 1\n\nmodule load cuda\n#SBATCH --time=10\n`;
    expectOne(text, 'MLW2004', 4, 0, 'after the first command (line 4)');
  });
  it('points at an indented directive', () => {
    expectOne(`${SHEBANG}  #SBATCH --time=10\n`, 'MLW2004', 1, 2, 'indented');
  });
  it('accepts comments and blank lines between directives', () => {
    none(`${SHEBANG}# resources\n\n#SBATCH -N 1\n   \n# time\n#SBATCH -t 10\nsrun hostname\n`, 'MLW2004');
  });
});

describe('MLW2005 newer options', () => {
  it('says which release added an option or value', () => {
    const d = expectOne(`${SHEBANG}#SBATCH --stepmgr\n`, 'MLW2005', 1, 8, '--stepmgr was added in Slurm 24.05; an older sbatch (22.05 to 23.11)');
    assert.equal(d.severity, DiagnosticSeverity.Information);
    expectOne(`${SHEBANG}#SBATCH --exclusive=topo\n`, 'MLW2005', 1, 20, '--exclusive=topo was added in Slurm 24.05');
    expectOne(`${SHEBANG}#SBATCH --tres-per-task=cpu=4\n`, 'MLW2005', 1, 8, 'an older sbatch (22.05) rejects it');
    none(`${SHEBANG}#SBATCH --time=10 --exclusive=user --gpus-per-node=4\n`, 'MLW2005');
  });
});

describe('MLW2006 shell variables', () => {
  it('flags $VAR and ${VAR} in a value', () => {
    expectOne(`${SHEBANG}#SBATCH --output=$HOME/logs/%j.out\n`, 'MLW2006', 1, 17, "--output gets the literal text '$HOME/logs/%j.out'");
    expectOne(`${SHEBANG}#SBATCH -J \${RUN}\n`, 'MLW2006', 1, 11, '--job-name');
    none(`${SHEBANG}#SBATCH --output=logs/%x-%j.out --comment=cost_5$\n`, 'MLW2006');
  });
});

describe('MLW2007 script format', () => {
  it('needs #! on the first line', () => {
    expectOne('#SBATCH -N 1\nsrun hostname\n', 'MLW2007', 0, 0, 'such as #!/bin/bash');
    expectOne('\n#!/bin/bash\n#SBATCH -N 1\n', 'MLW2007', 0, 0, 'must be the very first line');
  });
  it('refuses CRLF line breaks', () => {
    expectOne('#!/bin/bash\r\n#SBATCH -N 1\r\n', 'MLW2007', 0, 11, 'CRLF');
  });
});

describe('exported NCCL variables', () => {
  it('go through the environment rules, reported on the name or on the value', () => {
    const text = `${SHEBANG}#SBATCH -N 2\nexport NCCL_IB_HAC=mlx5_0\nexport NCCL_P2P_DISABLE=maybe\nexport NCCL_P2P_DISABLE="$P2P"\n`;
    expectOne(text, 'MLW3001', 2, 7, 'NCCL_IB_HCA');
    // The value the shell expands ($P2P) is not judged; the literal one is.
    expectOne(text, 'MLW3002', 3, 24, 'maybe');
  });
});

describe('a realistic multi-node GPU script', () => {
  it('has no findings', () => {
    const text = `#!/bin/bash
#SBATCH --job-name=llama-pretrain
#SBATCH --account=ml-research
#SBATCH --partition=gpu
#SBATCH --nodes=4
#SBATCH --ntasks-per-node=8
#SBATCH --ntasks=32
#SBATCH --gpus-per-node=h100:8
#SBATCH --cpus-per-task=12
#SBATCH --mem=0
#SBATCH --time=2-00:00:00
#SBATCH --exclusive
#SBATCH --output=logs/%x-%j.out      # stdout and stderr together
#SBATCH --mail-type=END,FAIL
#SBATCH --mail-user=ml-team@example.com
#SBATCH --signal=B:USR1@300
#SBATCH --requeue
#SBATCH --constraint="h100&ib"

set -euo pipefail
module load cuda/12.4
export NCCL_DEBUG=WARN
export NCCL_IB_HCA="mlx5_0,mlx5_1"
MASTER_ADDR=$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n 1)
export MASTER_ADDR
srun torchrun --nnodes="$SLURM_NNODES" --nproc-per-node=8 train.py
`;
    assert.deepEqual(validateBatchScript(text).map((d) => [d.code, msg(d)]), []);
  });
});

describe('batch scripts among files', () => {
  it('knows batch scripts by name, and shell scripts by their directives', () => {
    assert.ok(isBatchScriptName('job.sbatch') && isBatchScriptName('JOB.SLURM'));
    assert.ok(!isBatchScriptName('job.sh'));
    assert.ok(['a.yaml', 'b.yml', 'c.sbatch', 'd.slurm', 'e.sh', 'f.bash'].every(isServedFileName));
    assert.ok(!isServedFileName('notes.txt'));
    assert.ok(looksLikeBatchScript(`${SHEBANG}#SBATCH -N 1\nsrun x\n`));
    assert.ok(!looksLikeBatchScript(`${SHEBANG}echo hi\n`));
    // A script that writes another script's directives through a heredoc is not one itself.
    assert.ok(!looksLikeBatchScript(`${SHEBANG}cat > job.sbatch <<EOF\n#!/bin/bash\n#SBATCH -N 1\nEOF\n`));
    assert.ok(isBatchScript('x.sbatch', 'echo hi\n') && !isBatchScript('x.sh', 'echo hi\n'));
  });

  it('routes files to the batch-script checks or the YAML engine', () => {
    assert.deepEqual(validateFile('run.sh', 'echo hi\n'), []);
    assert.deepEqual(validateFile('run.sh', `${SHEBANG}#SBATCH --tme=1\n`).map((d) => d.code), ['MLW2001']);
    assert.deepEqual(validateFile('file:///w/job.slurm', `${SHEBANG}#SBATCH --tme=1\n`).map((d) => d.code), ['MLW2001']);
    assert.deepEqual(validateFile('m.yaml', 'a: [1\n').map((d) => d.code), ['MLW0001']);
  });
});
