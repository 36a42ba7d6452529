// "Launch" code lenses: above each job document that the Kubernetes backend can submit, and at
// the top of a Slurm batch script. The lens runs the client's `mlops.launchJob` command.
import type { CodeLens } from 'vscode-languageserver-types';
import type { LaunchLensArgs } from '../../../protocol';

/** apiVersion group → the kinds of it that are jobs we launch. */
const LAUNCHABLE: Readonly<Record<string, readonly string[]>> = {
  'kubeflow.org': ['TFJob', 'PyTorchJob', 'XGBoostJob', 'PaddleJob', 'JAXJob', 'MPIJob'],
  'trainer.kubeflow.org': ['TrainJob'],
  'batch.volcano.sh': ['Job'],
  'argoproj.io': ['Workflow'],
};

const LAUNCH_COMMAND = 'mlops.launchJob';

function lens(line: number, title: string, args: LaunchLensArgs): CodeLens {
  const range = { start: { line, character: 0 }, end: { line, character: 0 } };
  return { range, command: { title, command: LAUNCH_COMMAND, arguments: [args] } };
}

/** Lenses for the job documents of a YAML file: one per document whose apiVersion and kind we launch. */
export function manifestLenses(uri: string, text: string): CodeLens[] {
  const lenses: CodeLens[] = [];
  const lines = text.split('\n');
  let start = 0;
  let apiVersion: string | undefined;
  let kind: string | undefined;
  const close = (): void => {
    const group = apiVersion?.split('/')[0];
    if (group !== undefined && kind !== undefined && LAUNCHABLE[group]?.includes(kind) === true) {
      lenses.push(lens(start, `$(rocket) Launch ${kind} on Kubernetes`, { uri, backend: 'kubernetes', kind }));
    }
    apiVersion = undefined;
    kind = undefined;
  };
  lines.forEach((line, i) => {
    if (/^---(\s|$)/.test(line)) {
      close();
      start = i + 1;
      return;
    }
    const m = /^(apiVersion|kind):\s*["']?([^"'#\s]+)/.exec(line);
    if (m?.[1] === 'apiVersion') apiVersion = m[2];
    else if (m?.[1] === 'kind') kind = m[2];
  });
  close();
  return lenses;
}

/** A lens at the top of a batch script (a shell script with #SBATCH lines). */
export function batchScriptLenses(uri: string, text: string): CodeLens[] {
  if (!/^#SBATCH\s/m.test(text)) return [];
  return [lens(0, '$(rocket) Submit to Slurm', { uri, backend: 'slurm', kind: 'batch script' })];
}
