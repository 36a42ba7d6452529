// The severity of every NCCL value check, pinned with its reason: an error (MLW3005) only where
// NCCL refuses the value and the job fails, a warning (MLW3002, MLW3003) where NCCL falls back and
// the job runs without the setting. Each case goes through a batch script's `export` line, the way
// a user meets it, so the severity is the one the diagnostic is published with.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { validateBatchScript } from '../../server/src/slurm/check';

interface Case {
  readonly check: string;
  readonly name: string;
  readonly value: string;
  readonly code: 'MLW3002' | 'MLW3003' | 'MLW3005';
  /** What NCCL does, as the message must say it. */
  readonly reason: RegExp;
}

const WARN = DiagnosticSeverity.Warning;
const ERROR = DiagnosticSeverity.Error;

const CASES: readonly Case[] = [
  // Levels and other one-of values: NCCL compares them with the names it knows and otherwise keeps its default.
  { check: 'enum: a value outside the set', name: 'NCCL_DEBUG', value: 'VERBOSE', code: 'MLW3002', reason: /NCCL ignores it and keeps its default/ },
  { check: 'enum: the wrong case where NCCL uses strcmp', name: 'NCCL_P2P_LEVEL', value: 'nvl', code: 'MLW3002', reason: /case-sensitively, so it ignores 'nvl' and keeps its default/ },
  { check: 'enum: spaces around a value', name: 'NCCL_SOCKET_FAMILY', value: "' AF_INET'", code: 'MLW3002', reason: /does not trim values, so it ignores this one/ },
  { check: 'enum: a thread count NCCL clamps', name: 'NCCL_NTHREADS', value: '1024', code: 'MLW3002', reason: /warns and uses the nearest limit/ },
  // Lists other than NCCL_ALGO/NCCL_PROTO: NCCL skips the items it does not know.
  { check: 'list: an unknown item', name: 'NCCL_DEBUG_SUBSYS', value: 'INIT,BOGUS', code: 'MLW3002', reason: /skips it and uses the rest of the list/ },
  { check: "list: a '^' after the first item", name: 'NCCL_DEBUG_SUBSYS', value: 'INIT,^COLL', code: 'MLW3002', reason: /skips it/ },
  // NCCL_ALGO and NCCL_PROTO: NCCL's parser returns ncclInvalidUsage on anything it does not know.
  { check: 'algo: an unknown algorithm', name: 'NCCL_ALGO', value: 'rnig', code: 'MLW3005', reason: /communicator creation fails \(ncclInvalidUsage\)/ },
  { check: 'algo: an unknown collective', name: 'NCCL_ALGO', value: 'allreduc:tree', code: 'MLW3005', reason: /ncclInvalidUsage/ },
  { check: 'algo: the retired name Collnet', name: 'NCCL_ALGO', value: 'collnet', code: 'MLW3005', reason: /CollnetDirect and CollnetChain.*ncclInvalidUsage/ },
  { check: "algo: a '^' after the first item", name: 'NCCL_PROTO', value: 'LL,^Simple', code: 'MLW3005', reason: /ncclInvalidUsage/ },
  { check: 'algo: a part after a semicolon with no collective', name: 'NCCL_ALGO', value: "'allreduce:tree;ring'", code: 'MLW3002', reason: /applies it to every collective/ },
  // Integers: NCCL reads them with strtoll and falls back to its default or a value in range...
  { check: 'int: not an integer', name: 'NCCL_IB_GID_INDEX', value: 'three', code: 'MLW3002', reason: /ignores 'three' and keeps its default/ },
  { check: 'int: out of range, clamped', name: 'NCCL_SOCKET_NTHREADS', value: '32', code: 'MLW3002', reason: /falls back to a value in range, or to its default/ },
  // ...except where the value goes to the hardware as it is.
  { check: 'int: out of range, refused by the verbs', name: 'NCCL_IB_RETRY_CNT', value: '9', code: 'MLW3005', reason: /3-bit field.*job fails/ },
  { check: 'number: not a number', name: 'NCCL_RAS_TIMEOUT_FACTOR', value: 'double', code: 'MLW3002', reason: /keeps its default/ },
  { check: 'size: a unit suffix', name: 'NCCL_BUFFSIZE', value: '4M', code: 'MLW3002', reason: /does not take '4M' as 4194304 bytes/ },
  { check: 'size: negative', name: 'NCCL_BUFFSIZE', value: '-1', code: 'MLW3002', reason: /keeps its default/ },
  { check: 'bool01: a word', name: 'NCCL_IB_DISABLE', value: 'true', code: 'MLW3002', reason: /ignore 'true' and keep the default/ },
  { check: 'bool01: another number', name: 'NCCL_IB_DISABLE', value: '2', code: 'MLW3002', reason: /does not read it as either/ },
  { check: 'string: a pre-shared key that is too short', name: 'NCCL_PSK', value: 'short', code: 'MLW3005', reason: /refuses a key shorter than 32.*job fails/ },
  { check: "path: a '~' NCCL does not expand", name: 'NCCL_DEBUG_FILE', value: '~/nccl.log', code: 'MLW3002', reason: /finds no such file and goes on without it/ },
  // Interface lists: NCCL uses what the rest of the list selects; only the node can tell whether that is nothing.
  { check: "ifname: a '^' after the first entry", name: 'NCCL_SOCKET_IFNAME', value: 'eth0,^docker0', code: 'MLW3003', reason: /first character of the whole list/ },
  { check: 'hca: an empty entry', name: 'NCCL_IB_HCA', value: 'mlx5_0,,mlx5_1', code: 'MLW3003', reason: /empty/ },
];

function diagnosticsOf(name: string, value: string): ReturnType<typeof validateBatchScript> {
  return validateBatchScript(`#!/bin/bash\n#SBATCH --nodes=2\nexport ${name}=${value}\nsrun true\n`).filter((d) => /^MLW300[1-5]$/.test(String(d.code)));
}

describe('NCCL value checks: severity and reason', () => {
  for (const c of CASES) {
    it(`${c.check} (${c.name}=${c.value}) is ${c.code === 'MLW3005' ? 'an error' : 'a warning'}`, () => {
      const found = diagnosticsOf(c.name, c.value);
      assert.equal(found.length, 1, JSON.stringify(found.map((d) => [d.code, d.message])));
      const [d] = found as [(typeof found)[number]];
      const message = typeof d.message === 'string' ? d.message : d.message.value;
      assert.equal(d.code, c.code, message);
      assert.equal(d.severity, c.code === 'MLW3005' ? ERROR : WARN, `${c.code}: ${message}`);
      assert.match(message, c.reason);
    });
  }

  it('covers every kind of value check NCCL variables have', () => {
    const kinds = new Set(CASES.map((c) => c.check.split(':')[0]));
    for (const kind of ['enum', 'list', 'algo', 'int', 'number', 'size', 'bool01', 'string', 'path', 'ifname', 'hca']) {
      assert.ok(kinds.has(kind), `no severity case for the '${kind}' check`);
    }
  });
});
