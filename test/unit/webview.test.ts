// The webview foundation without a browser: the page's CSP and HTML, the host's message
// validator, and the page's guards.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentSecurityPolicy, makeNonce, pageHtml } from '../../client/src/webview/html';
import { messageValidator, numberOrNull, oneOfField, stringField } from '../../client/src/webview/validate';
import { array, check, nullable, num, object, oneOf, optional, str, union } from '../../webviews/src/shared/validate';

const CSP_SOURCE = 'https://abc.vscode-cdn.net';

describe('webview page', () => {
  it('allows only its nonce script and its own origin, and nothing unsafe', () => {
    const nonce = makeNonce();
    const csp = contentSecurityPolicy(CSP_SOURCE, nonce);
    assert.doesNotMatch(csp, /unsafe-/);
    const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), [`'nonce-${nonce}'`]);
    assert.deepEqual(directives.get('style-src'), [CSP_SOURCE]);
  });

  it('makes a fresh 128-bit nonce for each page', () => {
    const nonces = new Set(Array.from({ length: 50 }, makeNonce));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.equal(Buffer.from(n, 'base64').length, 16);
  });

  it('loads the bundle with the nonce, the stylesheet by link, and escapes the title', () => {
    const html = pageHtml({ cspSource: CSP_SOURCE, scriptUri: `${CSP_SOURCE}/dist/webviews/gpu.js`, styleUri: `${CSP_SOURCE}/dist/webviews/gpu.css`, nonce: 'n0nce+/=', title: 'GPUs <&> "x"' });
    assert.match(html, /<script type="module" nonce="n0nce\+\/=" src="https:\/\/abc\.vscode-cdn\.net\/dist\/webviews\/gpu\.js"><\/script>/);
    assert.match(html, /<link rel="stylesheet" href="https:\/\/abc\.vscode-cdn\.net\/dist\/webviews\/gpu\.css">/);
    assert.match(html, /<title>GPUs &#60;&#38;&#62; &#34;x&#34;<\/title>/);
    assert.doesNotMatch(html, /<style|style=/);
    assert.equal(html.match(/<script/g)?.length, 1);
  });
});

type FromPage = { readonly type: 'ready' } | { readonly type: 'open'; readonly id: string; readonly size: number | null; readonly mode: 'a' | 'b' };

describe('host message validator', () => {
  const validate = messageValidator<FromPage>({
    ready: () => ({ type: 'ready' }),
    open: (f) => {
      const id = stringField(f, 'id');
      const size = numberOrNull(f, 'size');
      const mode = oneOfField(f, 'mode', ['a', 'b'] as const);
      if (id === undefined) return 'id must be a string';
      if (size === undefined) return 'size must be a number or null';
      if (mode === undefined) return 'mode must be a or b';
      return { type: 'open', id, size, mode };
    },
  });

  it('builds the typed message from checked fields, dropping extra ones', () => {
    assert.deepEqual(validate({ type: 'open', id: 'x', size: null, mode: 'b', extra: 1 }), { ok: true, value: { type: 'open', id: 'x', size: null, mode: 'b' } });
    assert.deepEqual(validate({ type: 'ready' }), { ok: true, value: { type: 'ready' } });
  });

  it('refuses what is not a known message, saying what is known', () => {
    assert.deepEqual(validate('ready'), { ok: false, error: 'a message must be an object with a type' });
    assert.deepEqual(validate(null), { ok: false, error: 'a message must be an object with a type' });
    assert.deepEqual(validate({ type: 'toString' }), { ok: false, error: 'unknown message type "toString" (known: ready, open)' });
    assert.deepEqual(validate({ id: 'x' }), { ok: false, error: 'unknown message type undefined (known: ready, open)' });
  });

  it('refuses a bad field with the reader\'s reason', () => {
    assert.deepEqual(validate({ type: 'open', id: 'x', size: Number.NaN, mode: 'a' }), { ok: false, error: 'open: size must be a number or null' });
    assert.deepEqual(validate({ type: 'open', id: 'x', size: 1, mode: 'c' }), { ok: false, error: 'open: mode must be a or b' });
  });
});

describe('page guards', () => {
  const guard = union({
    samples: { samples: array(object({ host: str, tempC: nullable(num), note: optional(str) })), replace: oneOf('yes', 'no') },
    empty: { reason: str },
  });

  it('types a valid message and drops unknown fields', () => {
    const r = check(guard, { type: 'samples', samples: [{ host: 'n1', tempC: 61, junk: true }, { host: 'n2', tempC: null, note: 'x' }], replace: 'no' });
    assert.deepEqual(r, { ok: true, value: { type: 'samples', samples: [{ host: 'n1', tempC: 61 }, { host: 'n2', tempC: null, note: 'x' }], replace: 'no' } });
  });

  it('names the path of the field that is wrong', () => {
    assert.deepEqual(check(guard, { type: 'samples', samples: [{ host: 'n1', tempC: 1 }, { host: 'n2', tempC: 'hot' }], replace: 'no' }), {
      ok: false,
      error: 'samples[1].tempC: expected a number, got "hot"',
    });
    assert.deepEqual(check(guard, { type: 'empty' }), { ok: false, error: 'reason: expected a string, got nothing' });
    assert.deepEqual(check(guard, { type: 'nope' }), { ok: false, error: 'type: expected one of samples, empty, got "nope"' });
    assert.deepEqual(check(guard, [1]), { ok: false, error: 'message: expected an object, got an array' });
    assert.deepEqual(check(guard, { type: 'samples', samples: {}, replace: 'no' }), { ok: false, error: 'samples: expected an array, got an object' });
    assert.deepEqual(check(object({ n: num }), { n: Number.POSITIVE_INFINITY }), { ok: false, error: 'n: expected a number, got number Infinity' });
  });
});
