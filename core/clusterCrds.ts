import { run, type RunOptions } from './process';

/** What `kubectl get crd -o json` gave for one context. */
export interface ClusterCrds {
  readonly context: string;
  /** The JSON as kubectl printed it (a List of CustomResourceDefinition). */
  readonly json: string;
  readonly count: number;
}

/** A kubectl failure, with what kubectl said and what to do. */
export class KubectlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubectlError';
  }
}

/**
 * Reads the CRDs of the current kubectl context: `kubectl config current-context`, then
 * `kubectl get crd -o json`. Uses the user's kubectl and kubeconfig; starts no shell.
 */
export async function fetchClusterCrds(kubectl = 'kubectl', options: RunOptions = {}): Promise<ClusterCrds> {
  const ctx = await run(kubectl, ['config', 'current-context'], options);
  if (ctx.code !== 0) throw new KubectlError(`kubectl has no current context (${ctx.stderr.trim() || `exit ${String(ctx.code)}`}): pick one with \`kubectl config use-context NAME\`.`);
  const context = ctx.stdout.trim();
  const got = await run(kubectl, ['get', 'crd', '-o', 'json'], options);
  if (got.code !== 0) throw new KubectlError(`kubectl get crd failed in context ${context}: ${got.stderr.trim() || `exit ${String(got.code)}`}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(got.stdout);
  } catch {
    throw new KubectlError(`kubectl get crd -o json did not print JSON in context ${context}.`);
  }
  const items = (parsed as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) throw new KubectlError(`kubectl get crd -o json printed no list of CRDs in context ${context}.`);
  return { context, json: got.stdout, count: items.length };
}

/** A file name for a context's cached CRDs. */
export function contextFileName(context: string): string {
  return `${context.replace(/[^\w.-]+/g, '_').slice(0, 100) || 'default'}.json`;
}
