// The Prometheus source: every interval, one instant query (/api/v1/query) for the DCGM exporter's
// series of every GPU the server knows (each node, each pod). A URL ending in /metrics is read as a
// dcgm-exporter itself: its exposition text is parsed directly.
import type { GpuSample } from '../../protocol';
import { DCGM_SELECTOR, parseExposition, samplesFromSeries, type Series } from './dcgm';
import type { GpuSource, GpuSourceListener, ResolvedDeps } from './source';

/** Failed polls in a row after which the source gives up. */
const GIVE_UP_AFTER = 3;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The server's base URL, checked: http(s) only. */
export function baseUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`'${url}' is not a URL: give the Prometheus server's address, such as http://prometheus:9090`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`'${url}' is not an http(s) URL: give the Prometheus server's address, such as http://prometheus:9090`);
  return u;
}

/** The instant query URL under `base` (which may carry a path prefix, such as /prometheus). */
export function queryUrl(base: URL, query: string): URL {
  const u = new URL('api/v1/query', base.href.endsWith('/') ? base : `${base.href}/`);
  u.searchParams.set('query', query);
  return u;
}

/** The series of an instant query's answer; throws a clear error when it is not Prometheus's. */
export function seriesOfAnswer(body: unknown, where: string): Series[] {
  if (!isRecord(body) || (body['status'] !== 'success' && body['status'] !== 'error')) {
    throw new Error(`${where} did not answer like a Prometheus server (no "status" in its JSON): give the server's base URL, such as http://prometheus:9090`);
  }
  if (body['status'] === 'error') {
    throw new Error(`Prometheus at ${where} refused the query: ${String(body['errorType'])}: ${String(body['error'])}`);
  }
  const data = body['data'];
  if (!isRecord(data) || data['resultType'] !== 'vector' || !Array.isArray(data['result'])) {
    throw new Error(`Prometheus at ${where} answered without a vector result: is it a Prometheus server?`);
  }
  return data['result'].map(seriesOfResult).filter((r) => r !== undefined);
}

/** One `{metric, value: [t, "v"]}` of a vector; undefined when it is not one. */
function seriesOfResult(r: unknown): Series | undefined {
  if (!isRecord(r) || !isRecord(r['metric']) || !Array.isArray(r['value'])) return undefined;
  const value: readonly unknown[] = r['value'];
  const [t, v] = value;
  const labels: Record<string, string> = {};
  for (const [k, l] of Object.entries(r['metric'])) if (typeof l === 'string') labels[k] = l;
  const name = labels['__name__'];
  if (name === undefined || typeof t !== 'number' || typeof v !== 'string') return undefined;
  return { name, labels, value: Number(v), ts: Math.round(t * 1000) };
}

/** Why a request failed, in words: the cause of Node's "fetch failed" (ECONNREFUSED, ENOTFOUND...). */
function networkError(e: unknown, where: string, timeoutMs: number): Error {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
    return new Error(`${where} did not answer within ${String(timeoutMs / 1000)} s: check the URL and that the server is up.`);
  }
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : e instanceof Error ? e.message : String(e);
  return new Error(`Cannot reach ${where} (${cause}): check the URL, that the server is up, and any proxy or port-forward in between.`);
}

/** One request: the body as text, or a clear error (network, timeout, HTTP status). */
async function fetchText(deps: ResolvedDeps, url: URL, where: string): Promise<string> {
  const timeoutMs = deps.requestTimeoutMs ?? 5000;
  let res: Response;
  try {
    res = await (deps.fetch ?? fetch)(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json, text/plain' } });
  } catch (e) {
    throw networkError(e, where, timeoutMs);
  }
  const text = await res.text();
  if (!res.ok && !text.trimStart().startsWith('{')) {
    throw new Error(`${where} answered HTTP ${String(res.status)} ${res.statusText}: ${text.slice(0, 200).trim()}`);
  }
  return text;
}

/** The GPUs a Prometheus server (or a dcgm-exporter's /metrics) reports now. */
export async function readPrometheus(deps: ResolvedDeps, url: URL): Promise<GpuSample[]> {
  const where = url.href;
  if (url.pathname.endsWith('/metrics')) return samplesFromSeries(parseExposition(await fetchText(deps, url, where)), deps.now());
  const text = await fetchText(deps, queryUrl(url, DCGM_SELECTOR), where);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${where} did not answer with JSON: give the Prometheus server's base URL, such as http://prometheus:9090`);
  }
  return samplesFromSeries(seriesOfAnswer(body, where), deps.now());
}

export function createPrometheusSource(deps: ResolvedDeps, url: string): GpuSource {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let inFlight: Promise<void> = Promise.resolve();
  const stop = async (): Promise<void> => {
    running = false;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    await inFlight;
  };
  return {
    label: `Prometheus ${url}`,
    start: async (listener: GpuSourceListener) => {
      await stop();
      const base = baseUrl(url);
      const first = await readPrometheus(deps, base);
      if (first.length === 0) {
        throw new Error(`Prometheus at ${url} holds no DCGM exporter series (DCGM_FI_DEV_GPU_UTIL...): is dcgm-exporter running and scraped by it?`);
      }
      listener.onSamples(first);
      running = true;
      let failures = 0;
      const poll = async (): Promise<void> => {
        try {
          const samples = await readPrometheus(deps, base);
          failures = 0;
          if (running && samples.length > 0) listener.onSamples(samples);
        } catch (e) {
          failures++;
          const err = e instanceof Error ? e : new Error(String(e));
          if (failures >= GIVE_UP_AFTER) {
            running = false;
            listener.onError(new Error(`${err.message} (${String(failures)} tries in a row; stopped)`));
          } else {
            listener.onWarning?.(err.message);
          }
        }
      };
      const next = (): void => {
        if (!running) return;
        timer = setTimeout(() => {
          inFlight = poll().then(next);
        }, deps.intervalMs);
      };
      next();
    },
    stop,
  };
}
