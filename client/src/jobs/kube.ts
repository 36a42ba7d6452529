// Kubernetes launches: pick the kubectl context and namespace (skipped when kubectl knows none),
// and check the manifest with the language server first: one with errors is submitted only when
// the user insists.
import { basename, isAbsolute, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { KubernetesLaunch } from '../../../protocol';
import { run } from '../../../core/process';
import type { JobsHub } from './hub';

const KUBECTL_TIMEOUT_MS = 15_000;

/** The lines kubectl prints, or [] when it fails (not installed, no kubeconfig, no cluster). */
async function kubectlLines(hub: JobsHub, args: readonly string[]): Promise<string[]> {
  try {
    const r = await run(hub.kubectl, args, { signal: AbortSignal.timeout(KUBECTL_TIMEOUT_MS) });
    if (r.code !== 0) {
      hub.ctx.log.info(`${hub.kubectl} ${args.join(' ')}: ${r.stderr.trim() || `exit ${String(r.code)}`}`);
      return [];
    }
    return r.stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  } catch (e) {
    hub.ctx.log.info(`${hub.kubectl} ${args.join(' ')}: ${(e as Error).message}`);
    return [];
  }
}

interface Choice<T> extends vscode.QuickPickItem {
  readonly value: T;
}

/**
 * Asks for the context and namespace to submit to. Each picker is skipped when kubectl lists
 * nothing; the first item is the default (the current context, the manifest's namespace).
 * Undefined when the user dismisses a picker.
 */
export async function pickKubeTarget(hub: JobsHub): Promise<{ context?: string; namespace?: string } | undefined> {
  const [contexts, current] = await Promise.all([kubectlLines(hub, ['config', 'get-contexts', '-o', 'name']), kubectlLines(hub, ['config', 'current-context'])]);
  let context: string | undefined;
  if (contexts.length > 0) {
    const now = current[0];
    const items: Choice<string>[] = [...contexts]
      .sort((a, b) => Number(b === now) - Number(a === now))
      .map((c) => ({ label: c, value: c, ...(c === now ? { description: 'current context' } : {}) }));
    const picked = await vscode.window.showQuickPick(items, { title: 'MLOps: submit to which kubectl context?', placeHolder: now ?? '' });
    if (picked === undefined) return undefined;
    context = picked.value === now ? undefined : picked.value;
  }
  const nsArgs = ['get', 'namespaces', '-o', 'name', ...(context === undefined ? [] : ['--context', context])];
  const namespaces = (await kubectlLines(hub, nsArgs)).map((n) => n.replace(/^namespace\//, ''));
  if (namespaces.length === 0) return context === undefined ? {} : { context };
  const items: Choice<string | undefined>[] = [
    { label: '$(file-code) As the manifest says', description: "the manifest's namespace, or the context's", value: undefined },
    ...namespaces.map((n) => ({ label: n, value: n })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'MLOps: submit to which namespace?' });
  if (picked === undefined) return undefined;
  return { ...(context === undefined ? {} : { context }), ...(picked.value === undefined ? {} : { namespace: picked.value }) };
}

/** The spec with its manifest as an absolute path (the server and kubectl get the same file). */
export function absoluteManifest(spec: KubernetesLaunch, cwd: string): KubernetesLaunch {
  return isAbsolute(spec.manifest) ? spec : { ...spec, manifest: resolve(cwd, spec.manifest) };
}

/**
 * Asks the language server about the manifest. No errors: the spec as it is. Errors: a modal
 * offers "Submit Anyway" (the spec with `force`) and "Show Problems"; undefined unless the user insists.
 */
export async function confirmManifest(hub: JobsHub, spec: KubernetesLaunch): Promise<KubernetesLaunch | undefined> {
  const uri = vscode.Uri.file(spec.manifest);
  const { errors } = await hub.ctx.fileErrors(uri.toString());
  if (errors.length === 0) return spec;
  const shown = errors.slice(0, 5).join('\n') + (errors.length > 5 ? `\n... and ${errors.length - 5} more` : '');
  const choice = await vscode.window.showWarningMessage(
    `${basename(spec.manifest)} has ${errors.length} error${errors.length === 1 ? '' : 's'}: kubectl apply would likely fail, or the job misbehave. Submit it anyway?`,
    { modal: true, detail: shown },
    // The first button is the default: the safe one.
    'Show Problems',
    'Submit Anyway',
  );
  if (choice === 'Submit Anyway') return { ...spec, force: true };
  if (choice === 'Show Problems') {
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  }
  return undefined;
}
