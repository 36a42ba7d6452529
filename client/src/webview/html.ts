// The page every webview starts from: one bundled script and its stylesheet, under a CSP that
// allows only them (a fresh nonce for the script, the webview's own origin for the styles), no
// inline code or styles and no network. Pure, so it is tested without VS Code.
import { randomBytes } from 'node:crypto';

export interface PageParts {
  /** `webview.cspSource`: the origin VS Code serves local resources from. */
  readonly cspSource: string;
  /** The bundle's script and stylesheet, as webview URIs (`webview.asWebviewUri`). */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly nonce: string;
  readonly title: string;
}

/** A nonce for one page load (128 random bits). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The Content-Security-Policy of a page. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The HTML of a page: the CSP, the stylesheet, an empty body for the script to fill. */
export function pageHtml(parts: PageParts): string {
  const attr = (s: string): string => escapeHtml(s);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(parts.cspSource, parts.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)}</title>
<link rel="stylesheet" href="${attr(parts.styleUri)}">
</head>
<body>
<noscript>This view needs JavaScript.</noscript>
<script type="module" nonce="${attr(parts.nonce)}" src="${attr(parts.scriptUri)}"></script>
</body>
</html>
`;
}
