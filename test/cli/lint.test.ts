// `mlops lint` as users run it: the built dist/cli.js in a child process.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const VERSION = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

function mlops(args: string[], cwd?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-cli-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('mlops CLI', () => {
  it('prints help and version', () => {
    const help = mlops(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /mlops lint \[--format text\|json\|sarif\] PATH/);
    const lintHelp = mlops(['lint', '--help']);
    assert.equal(lintHelp.status, 0);
    assert.match(lintHelp.stdout, /Slurm batch scripts/);
    const version = mlops(['--version']);
    assert.equal(version.status, 0);
    assert.equal(version.stdout.trim(), VERSION);
  });

  it('exits 2 with a hint on usage errors', () => {
    const none = mlops([]);
    assert.equal(none.status, 2);
    const unknown = mlops(['frobnicate']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command 'frobnicate'.*mlops --help/);
    const badOption = mlops(['lint', '--colour', '.']);
    assert.equal(badOption.status, 2);
    assert.match(badOption.stderr, /mlops lint --help/);
    const noPath = mlops(['lint']);
    assert.equal(noPath.status, 2);
    assert.match(noPath.stderr, /at least one file or folder/);
    const badFormat = mlops(['lint', '--format', 'xml', '.']);
    assert.equal(badFormat.status, 2);
    assert.match(badFormat.stderr, /unknown --format 'xml'/);
  });

  it('exits 2 and says so for a path that does not exist', () => {
    const r = mlops(['lint', 'no/such/file.yaml']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no such file or folder: no\/such\/file\.yaml/);
    assert.equal(r.stdout, '');
  });

  it('reports a syntax error as file:line:col severity code message and exits 1', () => {
    const dir = tree({ 'bad.yaml': 'kind: TFJob\nspec:\n  x: [1, 2\n' });
    const r = mlops(['lint', 'bad.yaml'], dir);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, "bad.yaml:3:6 error MLW0001 This flow sequence is never closed: add ']', or indent its continuation lines deeper than its key (BAD_INDENT)\n1 error, 0 warnings in 1 file\n");
    assert.equal(r.stderr, '');
  });

  it('exits 0 on clean files and walks folders for *.yaml and *.yml only, skipping .git and node_modules', () => {
    const dir = tree({
      'a.yaml': 'a: 1\n',
      'sub/b.yml': 'b: 2\n',
      'notes.txt': 'a: [\n',
      '.git/c.yaml': 'a: [\n',
      'node_modules/d.yaml': 'a: [\n',
    });
    const r = mlops(['lint', '.'], dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '0 errors, 0 warnings in 2 files\n');
  });

  it('walks Slurm batch scripts: a .sbatch always, a .sh only when it holds #SBATCH directives', () => {
    const dir = tree({
      'jobs/train.sbatch': '#!/bin/bash\n#SBATCH --nodes=2\n#SBATCH --tme=10:00\nsrun python train.py\n',
      'jobs/setup.sh': '#!/bin/bash\nset -e\necho --tme=10\n',
    });
    const r = mlops(['lint', 'jobs'], dir);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.equal(r.stdout, `${join('jobs', 'train.sbatch')}:3:9 error MLW2001 unknown sbatch option --tme; did you mean --time?\n1 error, 0 warnings in 2 files\n`);
  });

  it('on a batch script a new user writes: NCCL_DEBUG=VERBOSE is a warning, and the tally stands on its own last line', () => {
    // The held-out script of issue 16: a misspelt option, an NCCL_DEBUG value NCCL ignores, and a
    // directive after the first command.
    const dir = tree({ 'train.sbatch': '#!/bin/bash\n#SBATCH --ntask-per-node=4\nexport NCCL_DEBUG=VERBOSE\nsrun python train.py\n#SBATCH --time=10\n' });
    const r = mlops(['lint', 'train.sbatch'], dir);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines.pop(), '', 'the report ends with a newline');
    assert.match(lines[0]!, /^train\.sbatch:2:9 error MLW2001 unknown sbatch option --ntask-per-node/);
    assert.match(lines[1]!, /^train\.sbatch:3:19 warning MLW3002 NCCL_DEBUG='VERBOSE'.*NCCL ignores it and keeps its default/);
    assert.match(lines[2]!, /^train\.sbatch:5:1 warning MLW2004 .*move it above that line$/);
    assert.equal(lines[3], '1 error, 2 warnings in 1 file');
    assert.equal(lines.length, 4);
    // However the two streams are joined, even trimmed, the tally is not glued to a finding.
    assert.match(`${r.stdout.trimEnd()}${r.stderr}`, /move it above that line\n1 error, 2 warnings in 1 file$/);
  });

  it('joins found files to the folder given, in JSON with 1-based, end-exclusive positions', () => {
    const dir = tree({ 'jobs/x.yaml': 'a: 1\na: 2\n' });
    const r = mlops(['lint', '--format', 'json', 'jobs'], dir);
    assert.equal(r.status, 1);
    assert.deepEqual(JSON.parse(r.stdout), [
      { file: join('jobs', 'x.yaml'), line: 2, column: 1, endLine: 2, endColumn: 2, severity: 'error', code: 'MLW0002', message: 'Map keys must be unique' },
    ]);
  });

  it('gives unreadable, binary and non-regular files a diagnostic instead of crashing', () => {
    const dir = tree({ 'ok.yaml': 'a: 1\n', 'blob.yaml': Buffer.from([0x61, 0x00, 0x62]), 'latin1.yml': Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]) });
    symlinkSync(join(dir, 'missing-target.yaml'), join(dir, 'dangling.yaml'));
    mkdirSync(join(dir, 'dir.yaml'));
    const r = mlops(['lint', '--format', 'json', '.'], dir);
    assert.equal(r.status, 1);
    const byFile = new Map((JSON.parse(r.stdout) as { file: string; code: string; message: string }[]).map((d) => [d.file, d]));
    assert.equal(byFile.get('blob.yaml')?.code, 'MLW0011');
    assert.equal(byFile.get('latin1.yml')?.code, 'MLW0011');
    assert.equal(byFile.get('dangling.yaml')?.code, 'MLW0010');
    assert.match(byFile.get('dangling.yaml')?.message ?? '', /cannot be read/);
    assert.equal(byFile.has('ok.yaml'), false);
  });

  it('writes SARIF 2.1.0 with the rule metadata and 1-based, end-exclusive regions', () => {
    const dir = tree({ 'jobs/my job.yaml': 'a: [1\n' });
    const r = mlops(['lint', '--format', 'sarif', 'jobs'], dir);
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout) as {
      version: string;
      runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: object } }[] }[] }[];
    };
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0]!;
    assert.equal(run.tool.driver.name, 'mlops');
    const result = run.results[0]!;
    assert.equal(result.ruleId, 'MLW0001');
    assert.equal(run.tool.driver.rules[result.ruleIndex]!.id, 'MLW0001');
    assert.equal(result.level, 'error');
    const location = result.locations[0]!.physicalLocation;
    assert.equal(location.artifactLocation.uri, 'jobs/my%20job.yaml');
    assert.deepEqual(location.region, { startLine: 1, startColumn: 4, endLine: 1, endColumn: 5 });
  });
});
