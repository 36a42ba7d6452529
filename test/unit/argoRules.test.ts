import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Engine } from '../../server/src/engine/engine';
import type { WorkspaceDocument, WorkspaceView } from '../../server/src/engine/types';
import { argoNames, argoRuleTable, parseDepends } from '../../server/src/rules/argo';
import { argoRules } from '../../server/src/rules/argoRules';
import { rulesFor } from '../../server/src/rules/registry';

// The rules beyond the schema for Argo Workflows, on their own: a store without schemas.
const noSchemas = { kinds: () => [], schemaFor: () => undefined };
const ARGO_CODES = new Set<string>(argoRules.map((r) => r.code));

function msg(d: Diagnostic | undefined): string {
  if (d === undefined) return '';
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** A workspace holding these documents (kind key from apiVersion/kind). */
function workspaceOf(docs: readonly { file: string; value: Record<string, unknown> }[]): WorkspaceView {
  const all: WorkspaceDocument[] = docs.map((d) => ({ file: d.file, kindKey: `${String(d.value['apiVersion'])}/${String(d.value['kind'])}`, value: d.value }));
  return { documentsOfKind: (kindKey) => all.filter((d) => d.kindKey === kindKey), readRelative: () => undefined };
}

function lint(text: string, workspace?: WorkspaceView): Diagnostic[] {
  const engine = new Engine(workspace === undefined ? { schemas: noSchemas, rulesFor } : { schemas: noSchemas, rulesFor, workspace });
  return engine.validate('file:///w/wf.yaml', text).filter((d) => ARGO_CODES.has(String(d.code)));
}

function only(text: string, code: string, workspace?: WorkspaceView): Diagnostic[] {
  return lint(text, workspace).filter((d) => d.code === code);
}

/** Exactly one diagnostic of this code, from this 0-based line and character to that end character, saying this. */
function expectOne(text: string, code: string, at: [number, number, number?], fragment: string | RegExp, workspace?: WorkspaceView): Diagnostic {
  const found = only(text, code, workspace);
  assert.equal(found.length, 1, `one ${code}, got: ${JSON.stringify(lint(text, workspace).map((d) => [d.code, msg(d)]))}`);
  const [d] = found as [Diagnostic];
  const [line, character, end] = at;
  assert.deepEqual([d.range.start.line, d.range.start.character], [line, character], `${code} position: ${msg(d)}`);
  if (end !== undefined) assert.deepEqual([d.range.end.line, d.range.end.character], [line, end], `${code} end: ${msg(d)}`);
  if (typeof fragment === 'string') assert.ok(msg(d).includes(fragment), `${code} message: ${msg(d)}`);
  else assert.match(msg(d), fragment);
  return d;
}

function none(text: string, workspace?: WorkspaceView): void {
  assert.deepEqual(lint(text, workspace).map((d) => [d.code, msg(d)]), []);
}

const HEAD = 'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: wf-\n';

/** A Workflow with these spec lines (indented by 2 under `spec:`). */
function wf(spec: string, kind = 'Workflow'): string {
  return `${HEAD.replace('Workflow', kind)}spec:\n${spec.split('\n').map((l) => (l === '' ? l : `  ${l}`)).join('\n')}\n`;
}

const LEAF = `- name: echo
  container:
    image: alpine:3.20`;

describe('argo rules: registry', () => {
  it('covers Workflow, WorkflowTemplate, ClusterWorkflowTemplate and CronWorkflow', () => {
    assert.deepEqual(Object.keys(argoRuleTable).sort(), [
      'argoproj.io/v1alpha1/ClusterWorkflowTemplate', 'argoproj.io/v1alpha1/CronWorkflow', 'argoproj.io/v1alpha1/Workflow', 'argoproj.io/v1alpha1/WorkflowTemplate',
    ]);
    assert.ok(rulesFor('argoproj.io/v1alpha1/Workflow').length >= 4);
    assert.equal(rulesFor('argoproj.io/v1alpha1/WorkflowEventBinding').length, 0);
  });
});

describe('MLW4001 entrypoint', () => {
  it('points at the value and suggests the close name', () => {
    const text = wf(`entrypoint: echoo\ntemplates:\n${LEAF}`);
    expectOne(text, 'MLW4001', [5, 14, 19], "entrypoint 'echoo' names no template of this workflow (its templates are 'echo'). Did you mean 'echo'?");
  });

  it('is quiet for an existing template, and in a CronWorkflow reads spec.workflowSpec', () => {
    none(wf(`entrypoint: echo\ntemplates:\n${LEAF}`));
    const cron = wf(`schedules: ["* * * * *"]\nworkflowSpec:\n  entrypoint: nope\n  templates:\n    - name: echo\n      container:\n        image: alpine:3.20`, 'CronWorkflow');
    expectOne(cron, 'MLW4001', [7, 16, 20], "entrypoint 'nope'");
  });

  it('leaves a workflow run from a workflowTemplateRef alone unless that WorkflowTemplate is in the workspace', () => {
    const text = wf('entrypoint: main\nworkflowTemplateRef:\n  name: shared');
    none(text);
    const shared = { file: 'file:///w/shared.yaml', value: { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'shared' }, spec: { templates: [{ name: 'main' }] } } };
    none(text, workspaceOf([shared]));
    const other = wf('entrypoint: mains\nworkflowTemplateRef:\n  name: shared');
    expectOne(other, 'MLW4001', [5, 14, 19], "(its templates are 'main'). Did you mean 'main'?", workspaceOf([shared]));
  });
});

describe('MLW4002 onExit', () => {
  it('flags the spec onExit and a step onExit', () => {
    const text = wf(`entrypoint: main\nonExit: cleanup\ntemplates:\n${LEAF}\n- name: main\n  steps:\n  - - name: a\n      template: echo\n      onExit: gone`);
    const found = only(text, 'MLW4002');
    assert.deepEqual(found.map((d) => [d.range.start.line, d.range.start.character]), [[6, 10], [15, 16]]);
    assert.match(msg(found[0]), /onExit 'cleanup' names no template/);
  });

  it('is quiet when onExit names a template', () => {
    none(wf(`entrypoint: echo\nonExit: echo\ntemplates:\n${LEAF}`));
  });
});

describe('MLW4003 template of a step, task or hook', () => {
  it('flags each kind of caller', () => {
    const text = wf(`entrypoint: main
hooks:
  exit:
    template: notify
templates:
${LEAF}
- name: main
  steps:
  - - name: a
      template: echoo
- name: graph
  dag:
    tasks:
    - name: t
      template: missing`);
    const found = only(text, 'MLW4003');
    assert.deepEqual(found.map((d) => [d.range.start.line, d.range.start.character, msg(d)]), [
      [8, 16, "This hook calls template 'notify', which this workflow does not define (its templates are 'echo', 'main', 'graph')."],
      [16, 18, "This step calls template 'echoo', which this workflow does not define (its templates are 'echo', 'main', 'graph'). Did you mean 'echo'?"],
      [21, 18, "This task calls template 'missing', which this workflow does not define (its templates are 'echo', 'main', 'graph')."],
    ]);
  });

  it('is quiet for local templates and leaves templated names alone', () => {
    none(wf(`entrypoint: main\ntemplates:\n${LEAF}\n- name: main\n  steps:\n  - - name: a\n      template: echo\n    - name: b\n      template: "{{inputs.parameters.t}}"\n  inputs:\n    parameters:\n    - name: t`));
  });
});

describe('MLW4004 templateRef', () => {
  const caller = wf(`entrypoint: main
templates:
- name: main
  steps:
  - - name: a
      templateRef:
        name: lib
        template: build
    - name: b
      templateRef:
        name: cluster-lib
        template: deploy
        clusterScope: true`);
  const lib = { file: 'file:///w/lib.yaml', value: { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'lib' }, spec: { templates: [{ name: 'builds' }, { name: 'test' }] } } };
  const clusterLib = { file: 'file:///w/cluster.yaml', value: { apiVersion: 'argoproj.io/v1alpha1', kind: 'ClusterWorkflowTemplate', metadata: { name: 'cluster-lib' }, spec: { templates: [{ name: 'deploy' }] } } };

  it('says nothing without a workspace, or when the WorkflowTemplate is not in it', () => {
    none(caller);
    none(caller, workspaceOf([]));
  });

  it('flags a template the WorkflowTemplate found does not define, with the file', () => {
    expectOne(caller, 'MLW4004', [12, 20, 25], "WorkflowTemplate 'lib' (lib.yaml) has no template 'build' (its templates are 'builds', 'test'). Did you mean 'builds'?", workspaceOf([lib, clusterLib]));
  });

  it('looks clusterScope references up among ClusterWorkflowTemplates only', () => {
    const namespaced = { ...clusterLib, value: { ...clusterLib.value, kind: 'WorkflowTemplate', spec: { templates: [] } } };
    const found = only(caller, 'MLW4004', workspaceOf([lib, namespaced]));
    assert.equal(found.length, 1, 'only the namespaced one: no ClusterWorkflowTemplate is known');
    const wrongCluster = { ...clusterLib, value: { ...clusterLib.value, spec: { templates: [{ name: 'release' }] } } };
    const both = only(caller, 'MLW4004', workspaceOf([lib, wrongCluster]));
    assert.deepEqual(both.map((d) => d.range.start.line), [12, 16]);
    assert.match(msg(both[1]), /^ClusterWorkflowTemplate 'cluster-lib' \(cluster.yaml\) has no template 'deploy'/);
  });
});

describe('MLW4005 DAG dependencies', () => {
  it('flags an unknown task in dependencies and inside depends, exactly', () => {
    const text = wf(`entrypoint: d
templates:
${LEAF}
- name: d
  dag:
    tasks:
    - name: fetch
      template: echo
    - name: train
      template: echo
      dependencies: [fetch, fetc]
- name: e
  dag:
    tasks:
    - name: fetch
      template: echo
    - name: train
      template: echo
      depends: "fetch.Succeeded && (trai || fetch.Failed)"`);
    const found = only(text, 'MLW4005');
    assert.deepEqual(found.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, msg(d)]), [
      [17, 30, 34, "'fetc' is not a task of this DAG. Did you mean 'fetch'?"],
      [25, 38, 42, "'trai' is not a task of this DAG. Did you mean 'train'?"],
    ]);
  });

  it('is quiet for known tasks', () => {
    none(wf(`entrypoint: d\ntemplates:\n${LEAF}\n- name: d\n  dag:\n    tasks:\n    - name: a\n      template: echo\n    - name: b\n      template: echo\n      depends: "a.Succeeded || a.Failed"`));
  });
});

describe('MLW4006 DAG cycles', () => {
  it('names the cycle, once, at the dependency that closes it', () => {
    const text = wf(`entrypoint: d
templates:
${LEAF}
- name: d
  dag:
    tasks:
    - name: a
      template: echo
      depends: c
    - name: b
      template: echo
      depends: a.Succeeded
    - name: c
      template: echo
      depends: "b || b.Failed"`);
    expectOne(text, 'MLW4006', [18, 17, 18], 'Dependency cycle: a → c → b → a. These tasks wait for each other, so none of them can start.');
  });

  it('flags a task that waits for itself', () => {
    const text = wf(`entrypoint: d\ntemplates:\n${LEAF}\n- name: d\n  dag:\n    tasks:\n    - name: a\n      template: echo\n      dependencies: [a]`);
    expectOne(text, 'MLW4006', [15, 23, 24], 'a → a');
  });
});

describe('MLW4007 duplicate names', () => {
  it('flags templates, steps across groups and DAG tasks', () => {
    const text = wf(`entrypoint: main
templates:
${LEAF}
- name: echo
  container:
    image: alpine:3.20
- name: main
  steps:
  - - name: a
      template: echo
  - - name: a
      template: echo
- name: d
  dag:
    tasks:
    - name: t
      template: echo
    - name: t
      template: echo`);
    const found = only(text, 'MLW4007');
    assert.deepEqual(found.map((d) => [d.range.start.line, d.range.start.character]), [[10, 10], [17, 14], [24, 14]]);
    assert.match(msg(found[0]), /^Template 'echo' is already defined at spec\.templates\[0\]/);
    assert.match(msg(found[1]), /^Step 'a' is already defined at spec\.templates\[2\]\.steps\[0\]\[0\]/);
    assert.match(msg(found[2]), /^Task 't' is already defined/);
  });
});

describe('MLW4008 depends expressions', () => {
  const dag = (depends: string, extra = ''): string =>
    wf(`entrypoint: d\ntemplates:\n${LEAF}\n- name: d\n  dag:\n    tasks:\n    - name: a\n      template: echo${extra}\n    - name: b\n      template: echo\n      depends: ${depends}`);

  it('flags a misspelt result, with the right spelling', () => {
    expectOne(dag('"a.Succeded"'), 'MLW4008', [17, 18, 28], "'Succeded' is not a task result; use one of Succeeded, Failed, Errored, Skipped, Omitted, Daemoned, AnySucceeded, AllFailed. Did you mean 'Succeeded'?");
  });

  it('flags an expression that does not parse', () => {
    expectOne(dag('"a &&"'), 'MLW4008', [17, 17, 23], "'a &&' is not a valid depends expression: expected a task name at the end.");
    expectOne(dag('"a & b"'), 'MLW4008', [17, 17], "unexpected '&' at position 3");
    expectOne(dag('"(a || b"'), 'MLW4008', [17, 17], "expected ')' at the end");
  });

  it('flags AnySucceeded on a task without items', () => {
    expectOne(dag('a.AnySucceeded'), 'MLW4008', [17, 17, 31], "'a.AnySucceeded' applies to a task that loops");
    none(dag('a.AnySucceeded', '\n      withItems: [1, 2]'));
  });

  it('flags a DAG that mixes depends and dependencies', () => {
    expectOne(dag('a', '\n      dependencies: []\n    - name: c\n      template: echo\n      dependencies: [a]'), 'MLW4008', [18, 8], "Task 'c' uses dependencies and is in a DAG where task 'b' uses depends");
  });

  it('accepts negation, parentheses and every result', () => {
    none(dag('"!(a.Failed || a.Errored) && (a.Skipped || a.Omitted || a.Daemoned || a)"'));
  });
});

describe('MLW4009 input references', () => {
  it('points at the tag inside the string', () => {
    const text = wf(`entrypoint: say
templates:
- name: say
  inputs:
    parameters:
    - name: message
    artifacts:
    - name: data
      path: /tmp/data
  container:
    image: alpine:3.20
    args: ["echo {{inputs.parameters.mesage}} from {{inputs.artifacts.data.path}} and {{inputs.artifacts.model.path}}"]`);
    const found = only(text, 'MLW4009');
    assert.deepEqual(found.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, msg(d)]), [
      [16, 19, 47, "{{inputs.parameters.mesage}}: template 'say' declares no input parameter 'mesage'. Did you mean 'message'?"],
      [16, 88, 119, "{{inputs.artifacts.model.path}}: template 'say' declares no input artifact 'model'."],
    ]);
  });

  it('finds the tag in a block scalar, and skips expressions and other variables', () => {
    const text = wf(`entrypoint: say
templates:
- name: say
  inputs:
    parameters:
    - name: n
  script:
    image: python:3.12
    source: |
      print("{{inputs.parameters.n}} {{=inputs.parameters.x}} {{item}} {{workflow.name}} {{pod.name}}")
      print("{{ inputs.parameters.count }}")`);
    expectOne(text, 'MLW4009', [15, 15, 44], "{{inputs.parameters.count}}: template 'say' declares no input parameter 'count'.");
  });
});

describe('MLW4010 step references', () => {
  const steps = (ref: string): string =>
    wf(`entrypoint: main
templates:
${LEAF}
- name: main
  steps:
  - - name: gen
      template: echo
    - name: side
      template: echo
  - - name: use
      template: echo
      when: "${ref} == x"
      hooks:
        exit:
          template: echo
          arguments:
            parameters:
            - name: s
              value: "{{steps.use.status}}"
  - - name: last
      template: echo
  outputs:
    parameters:
    - name: out
      valueFrom:
        parameter: "{{steps.last.outputs.result}}"`);

  it('accepts an earlier group, the step itself in its hooks, and any step in the template outputs', () => {
    none(steps('{{steps.gen.outputs.result}}'));
    none(steps('{{steps.name}}'));
  });

  it('flags an unknown step, with a suggestion', () => {
    expectOne(steps('{{steps.gens.outputs.result}}'), 'MLW4010', [18, 15, 44], "{{steps.gens.outputs.result}}: template 'main' has no step 'gens'. Did you mean 'gen'?");
  });

  it('flags a step of a later group', () => {
    expectOne(steps('{{steps.last.outputs.result}}'), 'MLW4010', [18, 15, 44], "step 'last' runs after 'use'");
  });

  it('flags a step of the same group', () => {
    const text = wf(`entrypoint: main\ntemplates:\n${LEAF}\n- name: main\n  steps:\n  - - name: a\n      template: echo\n    - name: b\n      template: echo\n      when: "{{steps.a.outputs.result}} == 1"`);
    expectOne(text, 'MLW4010', [16, 15, 41], "step 'a' is in the same step group as 'b'");
  });
});

describe('MLW4011 task references', () => {
  it('flags a task the DAG does not have, and accepts tasks.name', () => {
    const text = wf(`entrypoint: d
templates:
${LEAF}
- name: d
  dag:
    tasks:
    - name: a
      template: echo
    - name: b
      template: echo
      depends: a
      arguments:
        parameters:
        - name: x
          value: "{{tasks.aa.outputs.result}} {{tasks.a.outputs.result}} {{tasks.name}}"`);
    expectOne(text, 'MLW4011', [21, 20, 47], "{{tasks.aa.outputs.result}}: template 'd' has no task 'aa'. Did you mean 'a'?");
  });
});

describe('MLW4012 workflow parameters', () => {
  const body = `entrypoint: say
arguments:
  parameters:
  - name: message
    value: hi
templates:
- name: say
  container:
    image: alpine:3.20
    args: ["{{workflow.parameters.mesage}} {{workflow.parameters.message}} {{workflow.parameters.json}} {{workflow.parameters}}"]`;

  it('flags an undeclared parameter in a Workflow', () => {
    expectOne(wf(body), 'MLW4012', [14, 14, 44], "{{workflow.parameters.mesage}}: spec.arguments.parameters declares no 'mesage'. Did you mean 'message'?");
  });

  it('says nothing in a WorkflowTemplate, whose callers may pass parameters', () => {
    none(wf(body, 'WorkflowTemplate'));
  });

  it('reads the parameters of a workflowTemplateRef from the workspace, and skips when it is unknown', () => {
    const text = wf('workflowTemplateRef:\n  name: lib\narguments:\n  parameters:\n  - name: a\n    value: "1"\nhooks:\n  exit:\n    template: done\n    arguments:\n      parameters:\n      - name: p\n        value: "{{workflow.parameters.a}} {{workflow.parameters.b}} {{workflow.parameters.c}}"');
    none(text);
    const lib = { file: 'file:///w/lib.yaml', value: { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'lib' }, spec: { arguments: { parameters: [{ name: 'b' }] }, templates: [{ name: 'done' }] } } };
    expectOne(text, 'MLW4012', [17, 70, 95], "declares no 'c'", workspaceOf([lib]));
  });
});

describe('argoNames', () => {
  it('lists the definitions and references of a document, with the paths of their values', () => {
    const value = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'CronWorkflow',
      spec: {
        workflowSpec: {
          entrypoint: 'main',
          onExit: 'bye',
          arguments: { parameters: [{ name: 'p' }] },
          templates: [
            { name: 'main', steps: [[{ name: 's', template: 'leaf', hooks: { exit: { template: 'bye' } } }]] },
            { name: 'd', dag: { tasks: [{ name: 't1', templateRef: { name: 'lib', template: 'x', clusterScope: true } }, { name: 't2', template: 'leaf', dependencies: ['t1'], depends: 't1.Failed' }] } },
            { name: 'leaf' },
            { name: 'bye' },
          ],
        },
      },
    };
    const names = argoNames(value);
    const W = ['spec', 'workflowSpec'];
    assert.deepEqual(names.specPath, W);
    assert.deepEqual(names.templates, ['main', 'd', 'leaf', 'bye'].map((name, i) => ({ name, path: [...W, 'templates', i, 'name'] })));
    assert.deepEqual(names.references, [
      { name: 'main', path: [...W, 'entrypoint'], use: 'entrypoint' },
      { name: 'bye', path: [...W, 'onExit'], use: 'onExit' },
      { name: 'leaf', path: [...W, 'templates', 0, 'steps', 0, 0, 'template'], use: 'step' },
      { name: 'bye', path: [...W, 'templates', 0, 'steps', 0, 0, 'hooks', 'exit', 'template'], use: 'hook' },
      { name: 'x', path: [...W, 'templates', 1, 'dag', 'tasks', 0, 'templateRef', 'template'], use: 'task', workflowTemplate: { name: 'lib', path: [...W, 'templates', 1, 'dag', 'tasks', 0, 'templateRef', 'name'], clusterScope: true } },
      { name: 'leaf', path: [...W, 'templates', 1, 'dag', 'tasks', 1, 'template'], use: 'task' },
    ]);
    assert.deepEqual(names.steps, [{ name: 's', path: [...W, 'templates', 0, 'steps', 0, 0, 'name'], template: 0 }]);
    assert.deepEqual(names.tasks.map((t) => [t.name, t.template]), [['t1', 1], ['t2', 1]]);
    assert.deepEqual(names.taskReferences, [
      { name: 't1', path: [...W, 'templates', 1, 'dag', 'tasks', 1, 'dependencies', 0], template: 1, inExpression: false },
      { name: 't1', path: [...W, 'templates', 1, 'dag', 'tasks', 1, 'depends'], template: 1, inExpression: true },
    ]);
    assert.deepEqual(names.parameters, [{ name: 'p', path: [...W, 'arguments', 'parameters', 0, 'name'] }]);
    assert.equal(names.workflowTemplateRef, undefined);
  });

  it('gives empty lists for a document without a spec', () => {
    const names = argoNames({ kind: 'Workflow' });
    assert.deepEqual([names.templates, names.references, names.steps, names.tasks, names.parameters], [[], [], [], [], []]);
  });
});

describe('parseDepends', () => {
  it('lists the tasks with their results and offsets', () => {
    assert.deepEqual(parseDepends('a.Succeeded && !(b-2 || c.AllFailed)'), {
      tasks: [
        { name: 'a', result: 'Succeeded', offset: 0 },
        { name: 'b-2', result: undefined, offset: 17 },
        { name: 'c', result: 'AllFailed', offset: 24 },
      ],
    });
  });

  it('reports what it cannot read', () => {
    assert.equal(parseDepends('a b').error, 'expected && or || at position 3');
    assert.equal(parseDepends(')').error, 'expected a task name at position 1');
    assert.equal(parseDepends('').error, undefined);
  });
});
