// "MLOps: Load CRD Schemas from Cluster" end to end below the editor: the real spawn wrapper runs
// a stand-in kubectl (test/fixtures/kubectl/kubectl, which says how it assembles the corpus CRDs
// into `kubectl get crd -o json` output), the output is cached, and the server's engine then
// validates a kind it has no built-in schema for.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { contextFileName, fetchClusterCrds, KubectlError } from '../../core/clusterCrds';
import { UserCrdSchemas } from '../../server/src/engine/userCrds';
import { createEngine, sortByPosition } from '../../server/src/services/validate';
import { CORPUS_DIR, corpusSkipReason } from '../helpers/corpus';

const KUBECTL = join(__dirname, '..', 'fixtures', 'kubectl', 'kubectl');
const QUEUE = `apiVersion: scheduling.volcano.sh/v1beta1
kind: Queue
metadata:
  name: research
spec:
  weight: 4
  reclaimable: yes-please
  capabilty:
    cpu: "64"
`;

describe('CRDs from the cluster', { skip: corpusSkipReason() }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-crds-'));
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const env = {
    ...process.env,
    FAKE_KUBECTL_CRDS: [
      join(CORPUS_DIR, 'volcano/config/crd/volcano/bases/scheduling.volcano.sh_queues.yaml'),
      join(CORPUS_DIR, 'volcano/config/crd/volcano/bases/scheduling.volcano.sh_podgroups.yaml'),
    ].join(':'),
    FAKE_KUBECTL_YAML: require.resolve('yaml'),
  };

  it('reads the context and the CRDs with kubectl, and the engine then checks those kinds', async () => {
    const got = await fetchClusterCrds(KUBECTL, { env });
    assert.equal(got.context, 'kind-mlops');
    assert.equal(got.count, 2);
    const file = join(dir, contextFileName(got.context));
    writeFileSync(file, got.json);

    const before = createEngine().validate('queue.yaml', QUEUE);
    assert.deepEqual(before, [], 'no built-in schema for Queue: nothing to say');
    const userCrds = new UserCrdSchemas();
    userCrds.load([dir]);
    assert.deepEqual(userCrds.problems, []);
    assert.ok(userCrds.kinds().includes('scheduling.volcano.sh/v1beta1/Queue'));
    const after = sortByPosition(createEngine({ userCrds }).validate('queue.yaml', QUEUE)).map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)}`);
    assert.deepEqual(after, ['6:15 MLW1001', '7:2 MLW1002']);
  });

  it('says what to do when kubectl fails or is missing', async () => {
    await assert.rejects(fetchClusterCrds(KUBECTL, { env: { ...env, FAKE_KUBECTL_CONTEXT: 'broken' } }), (e) => e instanceof KubectlError && /kubectl get crd failed in context broken/.test(e.message));
    await assert.rejects(fetchClusterCrds(join(dir, 'no-kubectl-here')), /was not found on PATH/);
  });
});
