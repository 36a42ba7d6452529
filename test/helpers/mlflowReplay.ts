// A loopback HTTP server that answers as an MLflow tracking server would, from recorded JSON
// (test/fixtures/registry/rest, provenance in its SOURCES.md), and keeps every request it got so
// that a test can check the paths, methods, query strings, bodies and headers we sent.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const REST_FIXTURES = join(__dirname, '..', 'fixtures', 'registry', 'rest');

export interface Received {
  readonly method: string;
  /** The path after /api/2.0/mlflow/, or the whole path when it is not under it. */
  readonly endpoint: string;
  readonly query: Readonly<Record<string, string>>;
  /** The parsed JSON body; undefined when there was none. */
  readonly body: unknown;
  readonly contentType: string | undefined;
  readonly authorization: string | undefined;
}

export interface Answer {
  readonly status?: number;
  /** A file of REST_FIXTURES: JSON is sent as application/json, anything else as text/html (as Flask does). */
  readonly fixture?: string;
  readonly json?: unknown;
}

export interface Replay {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      done(text);
    });
    req.on('error', fail);
  });
}

/** Starts the server; `answer` picks the reply to each request (undefined: Flask's 404 page). */
export async function startReplay(answer: (r: Received) => Answer | undefined): Promise<Replay> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    void read(req).then((text) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const prefix = '/api/2.0/mlflow/';
      const r: Received = {
        method: req.method ?? '',
        endpoint: url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
        contentType: req.headers['content-type'],
        authorization: req.headers.authorization,
      };
      received.push(r);
      const a = answer(r);
      if (a === undefined) {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>404 Not Found</title><h1>Not Found</h1>');
        return;
      }
      const body = a.fixture === undefined ? JSON.stringify(a.json ?? {}) : readFileSync(join(REST_FIXTURES, a.fixture), 'utf8');
      const json = a.fixture === undefined || a.fixture.endsWith('.json');
      res.writeHead(a.status ?? 200, { 'content-type': json ? 'application/json' : 'text/html; charset=utf-8' }).end(body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => {
          done();
        });
      }),
  };
}
