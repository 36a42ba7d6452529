/**
 * Glob patterns as yaml-language-server's `yaml.schemas` takes them: `*` within a path segment,
 * `**` across segments, `?` one character, `{a,b}` alternatives. A pattern without a `/` matches
 * the file's base name; one with a `/` matches the path relative to a workspace folder, or the
 * absolute path (a leading `/` or `**` anchors it).
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*') {
      if (glob.charAt(i + 1) === '*') {
        const slash = glob.charAt(i + 2) === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${glob.slice(i + 1, end).split(',').map((a) => a.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether `path` (absolute, with `/` separators) matches the glob, relative to one of the roots. */
export function matchesGlob(glob: string, path: string, roots: readonly string[]): boolean {
  const re = globToRegExp(glob.replace(/^\.\//, ''));
  if (!glob.includes('/')) return re.test(path.slice(path.lastIndexOf('/') + 1));
  if (re.test(path) || re.test(path.replace(/^\//, ''))) return true;
  return roots.some((root) => {
    const base = root.endsWith('/') ? root : `${root}/`;
    return path.startsWith(base) && re.test(path.slice(base.length));
  });
}
