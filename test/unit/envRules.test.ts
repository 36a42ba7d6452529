import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Engine } from '../../server/src/engine/engine';
import { checkEnvVariable, describeNcclList } from '../../server/src/rules/env/checkEnv';
import { envRuleTable } from '../../server/src/rules/env/jobEnvRule';
import { NCCL_VARIABLES, ncclNameStatus, ncclVariable } from '../../server/src/rules/env/ncclVariables';
import { envRules } from '../../server/src/rules/envRules';
import { jobRuleTable } from '../../server/src/rules/jobs';
import { rulesFor } from '../../server/src/rules/registry';
import { corpusRows, corpusSkipReason, readCorpusFile } from '../helpers/corpus';

// The environment rules on their own: a store without schemas, the real rule tables.
const noSchemas = { kinds: () => [], schemaFor: () => undefined };
const engine = new Engine({ schemas: noSchemas, rulesFor });
const ENV_CODES = new Set<string>(envRules.map((r) => r.code));

function msg(d: Diagnostic | undefined): string {
  if (d === undefined) return '';
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function lint(text: string): Diagnostic[] {
  const out = engine.validate('t', text).filter((d) => ENV_CODES.has(String(d.code)));
  engine.forget('t');
  return out;
}

function only(text: string, code: string): Diagnostic[] {
  return lint(text).filter((d) => d.code === code);
}

/** Exactly one diagnostic of this code, at this 0-based line and character, saying this. */
function expectOne(text: string, code: string, line: number, character: number, fragment: string): Diagnostic {
  const found = only(text, code);
  assert.equal(found.length, 1, `one ${code}, got: ${JSON.stringify(lint(text).map((d) => [d.code, msg(d)]))}`);
  const [d] = found as [Diagnostic];
  assert.deepEqual([d.range.start.line, d.range.start.character], [line, character], `${code} position: ${msg(d)}`);
  assert.ok(msg(d).includes(fragment), `${code} message: ${msg(d)}`);
  return d;
}

function none(text: string): void {
  assert.deepEqual(lint(text).map((d) => [d.code, msg(d)]), []);
}

/**
 * A PyTorchJob whose one container has this env (items indented 16). The first item's name
 * value sits at line 13, character 24; a `value:` right below it at line 14, character 25.
 */
function job(env: string, list = 'containers'): string {
  const items = env.split('\n').map((l) => `                ${l}`).join('\n');
  return `apiVersion: kubeflow.org/v1
kind: PyTorchJob
metadata:
  name: nccl
spec:
  pytorchReplicaSpecs:
    Master:
      template:
        spec:
          ${list}:
            - name: pytorch
              image: repo/train:1.0
              env:
${items}
`;
}

const envVar = (name: string, value: string): string => `- name: ${name}\n  value: ${value}`;

describe('MLW3001 nccl-env-name', () => {
  it('flags a misspelt name and suggests the right one', () => {
    expectOne(job(envVar('NCCL_SOCKT_IFNAME', 'eth0')), 'MLW3001', 13, 24, 'Did you mean NCCL_SOCKET_IFNAME?');
  });

  it('says when a removed variable went away and what replaced it', () => {
    const d = expectOne(job(envVar('NCCL_IB_CUDA_SUPPORT', '"1"')), 'MLW3001', 13, 24, 'removed it in 2.4.0');
    assert.match(msg(d), /use NCCL_NET_GDR_LEVEL instead/);
    expectOne(job(envVar('NCCL_IB_GDR_LEVEL', '"2"')), 'MLW3001', 13, 24, 'NCCL_NET_GDR_LEVEL');
  });

  it('flags a name in the wrong case and an old PyTorch name', () => {
    expectOne(job(envVar('nccl_debug', 'WARN')), 'MLW3001', 13, 24, 'NCCL reads NCCL_DEBUG');
    expectOne(job(envVar('NCCL_ASYNC_ERROR_HANDLING', '"1"')), 'MLW3001', 13, 24, 'TORCH_NCCL_ASYNC_ERROR_HANDLING');
  });

  it('accepts documented, undocumented and plugin names, and leaves other variables alone', () => {
    none(job([
      envVar('NCCL_SOCKET_IFNAME', 'eth0'),
      envVar('NCCL_P2P_NVL_CHUNKSIZE', '"524288"'),
      envVar('NCCL_FASTRAK_NUM_FLOWS', '"2"'),
      envVar('NCCL_TUNER_CONFIG_PATH', '/var/lib/tcpxo/tuner.textproto'),
      envVar('TORCH_NCCL_ASYNC_ERROR_HANDLING', '"1"'),
      envVar('PYTHONUNBUFFERED', '"1"'),
    ].join('\n')));
  });
});

describe('MLW3002 nccl-env-value', () => {
  it('flags a value outside a documented set, with the closest one', () => {
    expectOne(job(envVar('NCCL_DEBUG', 'INFOO')), 'MLW3002', 14, 25, "Did you mean 'INFO'?");
    const d = expectOne(job(envVar('NCCL_PROTO', 'LL129')), 'MLW3005', 14, 25, "Did you mean 'LL128'?");
    assert.match(msg(d), /LL, LL128, Simple/);
  });

  it('reads YAML numbers and booleans as the strings the container gets', () => {
    none(job(envVar('NCCL_IB_DISABLE', '1')));
    expectOne(job(envVar('NCCL_IB_DISABLE', '2')), 'MLW3002', 14, 25, 'NCCL documents 0 or 1');
    expectOne(job(envVar('NCCL_IB_DISABLE', 'true')), 'MLW3002', 14, 25, 'Write 1.');
  });

  it('flags a level in the wrong case, a size with a unit and an integer out of range', () => {
    expectOne(job(envVar('NCCL_P2P_LEVEL', 'nvl')), 'MLW3002', 14, 25, "Write 'NVL'");
    expectOne(job(envVar('NCCL_BUFFSIZE', '4M')), 'MLW3002', 14, 25, 'Write 4194304.');
    expectOne(job(envVar('NCCL_IB_RETRY_CNT', '"9"')), 'MLW3005', 14, 25, 'from 0 to 7');
  });

  it('accepts documented forms, case-insensitive lists and values filled in by Kubernetes', () => {
    none(job([
      envVar('NCCL_PROTO', '^LL128'),
      envVar('NCCL_ALGO', 'ring,tree'),
      envVar('NCCL_ALGO', '"allreduce:tree,collnetdirect;broadcast:ring"'),
      envVar('NCCL_NET_GDR_LEVEL', 'PHB'),
      envVar('NCCL_P2P_LEVEL', '"5"'),
      envVar('NCCL_NETDEVS_POLICY', 'MAX:2'),
      envVar('NCCL_BUFFSIZE', '"8388608"'),
      envVar('NCCL_IB_GID_INDEX', '"3"'),
      envVar('NCCL_P2P_LEVEL', '$(P2P_LEVEL)'),
    ].join('\n')));
  });
});

describe('MLW3003 nccl-interface-list', () => {
  it('flags a ^ in the middle and says what NCCL makes of it', () => {
    const d = expectOne(job(envVar('NCCL_SOCKET_IFNAME', 'eth0,^docker0')), 'MLW3003', 14, 25, 'first character of the whole list');
    assert.match(msg(d), /uses only interfaces starting with eth0 or \^docker0/);
  });

  it('checks init containers and adapter lists too', () => {
    expectOne(job(envVar('NCCL_IB_HCA', '"mlx5_0:"'), 'initContainers'), 'MLW3003', 14, 25, 'port 0');
  });

  it('accepts well-formed lists', () => {
    none(job([envVar('NCCL_SOCKET_IFNAME', '^docker0,lo'), envVar('NCCL_IB_HCA', '=mlx5_0:1,mlx5_1:1')].join('\n')));
  });

  const problem = (name: string, value: string): string | undefined => {
    const issues = checkEnvVariable(name, value);
    return issues.find((i) => i.code === 'MLW3003')?.message;
  };

  it('reads the grammar of the documentation', () => {
    for (const ok of ['^docker0,lo', '=eth0', 'eth', '^=ib0', '=eth0,eth1', 'ib']) assert.equal(problem('NCCL_SOCKET_IFNAME', ok), undefined, ok);
    for (const ok of ['mlx5', '^=mlx5_1,mlx5_4', '=mlx5_0:1:0:0,mlx5_1:1:0:1', '=mlx5_0::0:0']) assert.equal(problem('NCCL_IB_HCA', ok), undefined, ok);
    assert.match(problem('NCCL_SOCKET_IFNAME', 'eth0,,eth1') ?? '', /empty entry.*starting with eth0 or eth1/);
    assert.match(problem('NCCL_SOCKET_IFNAME', '^') ?? '', /selects nothing/);
    assert.match(problem('NCCL_SOCKET_IFNAME', '=') ?? '', /selects nothing/);
    assert.match(problem('NCCL_SOCKET_IFNAME', '=^ib0') ?? '', /write '\^=ib0'/);
    assert.match(problem('NCCL_SOCKET_IFNAME', 'eth0, eth1') ?? '', /space/);
    assert.match(problem('NCCL_SOCKET_IFNAME', '=eth0,=eth1') ?? '', /first character/);
    assert.match(problem('NCCL_IB_HCA', 'mlx5_0:a') ?? '', /not a number/);
    assert.match(problem('NCCL_IB_HCA', ':1') ?? '', /no device name/);
    assert.match(problem('NCCL_IB_HCA', 'mlx5_0:1:0:0:7') ?? '', /more than the port, rail and plane/);
  });

  it('describes what a list selects', () => {
    const ifname = ncclVariable('NCCL_SOCKET_IFNAME');
    const hca = ncclVariable('NCCL_IB_HCA');
    assert.ok(ifname !== undefined && hca !== undefined);
    assert.equal(describeNcclList(ifname, '^docker0,lo'), "'^docker0,lo' excludes interfaces starting with docker0 or lo");
    assert.equal(describeNcclList(ifname, '=eth0'), "'=eth0' uses only interfaces named exactly eth0");
    assert.equal(describeNcclList(hca, '=mlx5_0:1'), "'=mlx5_0:1' uses only adapters named exactly mlx5_0 (port 1)");
    assert.equal(describeNcclList(ifname, 'eth0,,eth1'), undefined);
  });
});

describe('MLW3004 nccl-debug-setting', () => {
  it('points at a debug level left on', () => {
    const d = expectOne(job(envVar('NCCL_DEBUG', 'INFO')), 'MLW3004', 14, 25, 'debugging setting');
    assert.equal(d.severity, 3);
  });

  it('points at the name when the value comes from elsewhere', () => {
    const env = '- name: NCCL_DEBUG_SUBSYS\n  valueFrom:\n    configMapKeyRef: {name: nccl, key: subsys}';
    expectOne(job(env), 'MLW3004', 13, 24, 'NCCL_DEBUG_SUBSYS is a debugging setting');
  });

  it('leaves production settings alone', () => {
    none(job([envVar('NCCL_DEBUG', 'WARN'), envVar('NCCL_DEBUG', 'VERSION'), envVar('NCCL_CHECK_MODE', 'DEFAULT')].join('\n')));
  });
});

describe('checkEnvVariable', () => {
  const codes = (name: string, value?: string): string[] => checkEnvVariable(name, value).map((i) => i.code);

  it('follows the documented value sets and their case rules', () => {
    assert.deepEqual(codes('NCCL_DEBUG', 'info'), ['MLW3004']);
    assert.deepEqual(codes('NCCL_DEBUG', 'warn'), []);
    assert.deepEqual(codes('NCCL_PROTO', '^LL128'), []);
    assert.deepEqual(codes('NCCL_PROTO', 'll,simple'), []);
    assert.deepEqual(codes('NCCL_ALGO', 'ring,tree'), []);
    assert.deepEqual(codes('NCCL_ALGO', 'allreduce:^tree'), []);
    assert.deepEqual(codes('NCCL_ALGO', 'collnet'), ['MLW3005']);
    assert.deepEqual(codes('NCCL_ALGO', 'allreduc:tree'), ['MLW3005']);
    assert.deepEqual(codes('NCCL_DEBUG_SUBSYS', 'INIT,^COLL'), ['MLW3002']);
    assert.deepEqual(codes('NCCL_DEBUG_SUBSYS', '^init,coll'), ['MLW3004']);
    assert.deepEqual(codes('NCCL_SOCKET_FAMILY', 'af_inet'), ['MLW3002']);
    assert.deepEqual(codes('NCCL_NTHREADS', '1024'), ['MLW3002']);
    assert.deepEqual(codes('NCCL_CTA_POLICY', 'EFFICIENCY|ZERO'), []);
    assert.deepEqual(codes('NCCL_DEBUG_FILE', '~/nccl.%h.%p'), ['MLW3002']);
    assert.deepEqual(codes('NCCL_PSK', 'too-short'), ['MLW3005']);
  });

  it('suggests the closest protocol', () => {
    const [issue] = checkEnvVariable('NCCL_PROTO', 'LL129');
    assert.equal(issue?.code, 'MLW3005');
    assert.equal(issue.target, 'value');
    assert.match(issue.message, /Did you mean 'LL128'\?/);
  });

  it('never throws on odd input', () => {
    const odd: unknown[] = [undefined, null, 42, {}, '', 'NCCL_', 'NCCL_IB_HCA', '\u0000'];
    for (const name of odd) {
      for (const value of odd) {
        assert.doesNotThrow(() => checkEnvVariable(name as string, value as string | undefined));
      }
    }
    assert.deepEqual(codes('NCCL_IB_HCA', ''), []);
    assert.deepEqual(codes('NCCL_SOCKET_IFNAME', '{{ .Values.iface }}'), []);
  });
});

describe('the NCCL variable table', () => {
  it('has every documented variable once, described in one sentence', () => {
    assert.ok(NCCL_VARIABLES.length >= 120, `found ${NCCL_VARIABLES.length}`);
    const names = NCCL_VARIABLES.map((v) => v.name);
    assert.equal(new Set(names).size, names.length);
    for (const v of NCCL_VARIABLES) {
      assert.match(v.name, /^NCCL_[A-Z0-9_]+$/);
      assert.match(v.description, /^[A-Z'"][^\n]*\.$/, v.name);
      assert.ok(v.description.length <= 160, `${v.name}: description too long`);
      if (v.kind === 'enum' && v.removed === undefined) assert.ok((v.values ?? []).length > 0, `${v.name} has values`);
      if (v.debugOnly !== undefined) assert.ok(v.debugWhy !== undefined, `${v.name} says why it is for debugging`);
    }
  });

  it('knows the status of a name', () => {
    assert.equal(ncclNameStatus('NCCL_IB_HCA').status, 'documented');
    assert.equal(ncclNameStatus('NCCL_NVLS_CHUNKSIZE').status, 'undocumented');
    assert.equal(ncclNameStatus('NCCL_GPUDIRECTTCPX_SOCKET_IFNAME').status, 'plugin');
    assert.equal(ncclNameStatus('NCCL_NOPE').status, 'unknown');
  });
});

describe('environment rules cover the job kinds', () => {
  it('has a table entry for every kind the job rules cover', () => {
    assert.deepEqual(Object.keys(envRuleTable).sort(), Object.keys(jobRuleTable).sort());
  });

  it('checks a TrainJob trainer, a batch Job and a Volcano task', () => {
    const trainJob = `apiVersion: trainer.kubeflow.org/v1alpha1
kind: TrainJob
metadata:
  name: t
spec:
  runtimeRef:
    name: torch-distributed
  trainer:
    env:
      - name: NCCL_DEBUG
        value: INFOO
`;
    expectOne(trainJob, 'MLW3002', 10, 15, "Did you mean 'INFO'?");
    const batch = `apiVersion: batch/v1
kind: Job
metadata:
  name: b
spec:
  template:
    spec:
      containers:
        - name: c
          image: repo/c:1
          env:
            - name: NCCL_PROTOCOL
              value: Simple
`;
    expectOne(batch, 'MLW3001', 11, 20, 'NCCL_PROTO');
    const volcano = `apiVersion: batch.volcano.sh/v1alpha1
kind: Job
metadata:
  name: v
spec:
  tasks:
    - name: worker
      template:
        spec:
          containers:
            - name: c
              image: repo/c:1
              env:
                - name: NCCL_SOCKET_IFNAME
                  value: "eth0,"
`;
    expectOne(volcano, 'MLW3003', 14, 25, 'empty entry');
  });

  it('skips env entries it cannot read', () => {
    none(job('- 42\n- name: 7\n  value: x\n- name: NCCL_DEBUG\n  value: {a: 1}\n- {}'));
    none(job('').replace('env:\n', 'env: not-a-list\n'));
  });
});

describe('environment rules on the corpus', () => {
  const skip = corpusSkipReason();

  it('gives no name, value or list finding on any valid file of the kinds it handles', { skip }, () => {
    const valid = corpusRows().filter((r) => r.expect === 'valid' && r.kinds.some((k) => k in envRuleTable));
    assert.ok(valid.length >= 40, `expected the training examples, found ${valid.length}`);
    const failures = valid.flatMap((r) =>
      lint(readCorpusFile(r.file))
        .filter((d) => d.code !== 'MLW3004')
        .map((d) => `${r.file}:${d.range.start.line + 1} ${String(d.code)} ${msg(d)}`),
    );
    assert.deepEqual(failures, []);
  });
});
