// MLflow's REST API 2.0 over fetch (Node 20's, or one passed in): GET sends its fields as the query
// string, POST/PATCH/DELETE as a JSON body (what MLflow's server reads, and what its own client
// sends). Failures become RegistryErrors that say what to do; credentials never appear in them.
import { RegistryError } from '../provider';

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;
export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
/** Request fields; undefined ones are left out. */
export type Fields = Readonly<Record<string, string | number | boolean | undefined | readonly unknown[]>>;

export interface MlflowHttpOptions {
  /** The tracking server, such as http://localhost:5000 or https://host/mlflow. */
  readonly url: string;
  /** A bearer token (VS Code keeps it in SecretStorage; the CLI reads MLFLOW_TRACKING_TOKEN). */
  readonly token?: string;
  /** Basic authentication (MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD); used before a token, as MLflow does. */
  readonly username?: string;
  readonly password?: string;
  readonly fetch?: Fetch;
  /** Per request; 30 s by default. */
  readonly timeoutMs?: number;
  /** What to tell the user when the server refuses the credentials. */
  readonly authHint?: string;
}

const DEFAULT_AUTH_HINT = 'Set MLFLOW_TRACKING_TOKEN to a token the server accepts (or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD), then try again.';

/** The server's URL without credentials or a trailing slash: what messages and labels show. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/+$/, '');
  } catch {
    throw new RegistryError(`'${url}' is not a URL: give the MLflow server's address, such as http://localhost:5000.`, 'invalid');
  }
}

/** What a connection failure's code means, and what to do about it. */
const NETWORK_CODES: readonly { readonly codes: readonly string[]; readonly say: (host: string, where: string, code: string) => string }[] = [
  { codes: ['ECONNREFUSED'], say: (host) => `Nothing is listening at ${host} (connection refused): start the MLflow server (mlflow server --port ...) or fix the URL.` },
  { codes: ['ENOTFOUND', 'EAI_AGAIN'], say: (_, where, code) => `The host name in ${where} cannot be resolved (${code}): check the URL, your network and VPN.` },
  { codes: ['ECONNRESET', 'UND_ERR_SOCKET'], say: (host, _, code) => `The connection to ${host} was cut off (${code}): try again; if it persists, check proxies between you and the server.` },
  { codes: ['UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT'], say: (host) => `Connecting to ${host} timed out: check that the server is up and that no firewall is in the way.` },
  { codes: ['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_HAS_EXPIRED'], say: (host, _, code) => `The TLS certificate of ${host} is not trusted (${code}): add its CA with NODE_EXTRA_CA_CERTS, or fix the server's certificate.` },
];

function networkError(e: unknown, where: string, timeoutMs: number): RegistryError {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return new RegistryError(`MLflow at ${where} did not answer within ${timeoutMs / 1000} s: check that the server is up and reachable.`, 'network');
  const code = err.cause?.code ?? (err as NodeJS.ErrnoException).code;
  const known = code === undefined ? undefined : NETWORK_CODES.find((k) => k.codes.includes(code));
  if (code !== undefined && known !== undefined) return new RegistryError(known.say(new URL(where).host, where, code), 'network');
  return new RegistryError(`Cannot reach MLflow at ${where}: ${err.cause?.message ?? err.message}${code === undefined ? '' : ` (${code})`}.`, 'network');
}

const CODES: Readonly<Record<string, RegistryError['code']>> = {
  RESOURCE_DOES_NOT_EXIST: 'not-found',
  RESOURCE_ALREADY_EXISTS: 'conflict',
  INVALID_PARAMETER_VALUE: 'invalid',
  BAD_REQUEST: 'invalid',
  INVALID_STATE: 'invalid',
  PERMISSION_DENIED: 'auth',
  UNAUTHENTICATED: 'auth',
};

function mlflowError(body: unknown): { code: string; message: string } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { error_code: code, message } = body as Record<string, unknown>;
  return typeof code === 'string' ? { code, message: typeof message === 'string' ? message : code } : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export class MlflowHttp {
  readonly base: string;
  private readonly fetch: Fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: MlflowHttpOptions) {
    this.base = displayUrl(options.url);
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  private headers(json: boolean): Record<string, string> {
    const h: Record<string, string> = { accept: 'application/json' };
    if (json) h['content-type'] = 'application/json';
    const { username, password, token } = this.options;
    if (username !== undefined && username !== '' && password !== undefined && password !== '') h['authorization'] = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    else if (token !== undefined && token !== '') h['authorization'] = `Bearer ${token}`;
    return h;
  }

  /** Calls `/api/2.0/mlflow/<endpoint>` and returns the parsed JSON answer. */
  async call(method: Method, endpoint: string, fields: Fields = {}): Promise<Record<string, unknown>> {
    const defined = Object.entries(fields).filter(([, v]) => v !== undefined);
    let url = `${this.base}/api/2.0/mlflow/${endpoint}`;
    const init: RequestInit = { method, headers: this.headers(method !== 'GET'), signal: AbortSignal.timeout(this.timeoutMs) };
    if (method === 'GET') {
      const query = new URLSearchParams(defined.map(([k, v]) => [k, String(v)])).toString();
      if (query !== '') url += `?${query}`;
    } else {
      init.body = JSON.stringify(Object.fromEntries(defined));
    }
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(url, init);
      text = await response.text();
    } catch (e) {
      throw networkError(e, this.base, this.timeoutMs);
    }
    const body = parseJson(text);
    if (!response.ok) throw this.httpError(response.status, endpoint, body);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new RegistryError(`${this.base} answered ${method} ${endpoint} with something that is not MLflow's JSON (${JSON.stringify(text.slice(0, 60))}): is the URL an MLflow tracking server?`, 'server');
    }
    return body as Record<string, unknown>;
  }

  private httpError(status: number, endpoint: string, body: unknown): RegistryError {
    const e = mlflowError(body);
    if (status === 401 || status === 403) {
      return new RegistryError(`MLflow at ${this.base} refused the credentials (HTTP ${status}${e === undefined ? '' : `: ${e.message}`}). ${this.options.authHint ?? DEFAULT_AUTH_HINT}`, 'auth');
    }
    if (e !== undefined) return new RegistryError(`MLflow: ${e.message} (${e.code}).`, CODES[e.code] ?? 'server');
    if (status === 404) return new RegistryError(`${this.base} has no MLflow REST API (HTTP 404 for ${endpoint}): check the URL, which is the tracking server's address such as http://localhost:5000.`, 'server');
    return new RegistryError(`MLflow at ${this.base} failed with HTTP ${status} on ${endpoint}: see the server's log.`, 'server');
  }
}
