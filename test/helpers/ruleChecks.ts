import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Engine } from '../../server/src/engine/engine';
import { rulesFor } from '../../server/src/rules/registry';

/** A diagnostic's message as text. */
export function msg(d: Diagnostic | undefined): string {
  if (d === undefined) return '';
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** The diagnostics of these codes only, from the engine with the real rules and no schemas. */
export function rulesOnly(codes: Iterable<string>): (text: string) => Diagnostic[] {
  const engine = new Engine({ schemas: { kinds: () => [], schemaFor: () => undefined }, rulesFor });
  const wanted = new Set(codes);
  return (text) => {
    const out = engine.validate('t', text).filter((d) => wanted.has(String(d.code)));
    engine.forget('t');
    return out;
  };
}

export interface RuleChecks {
  readonly only: (text: string, code: string) => Diagnostic[];
  /** Exactly one diagnostic of this code, at this 0-based line and character, saying this. */
  readonly expectOne: (text: string, code: string, line: number, character: number, fragment: string | RegExp) => Diagnostic;
  readonly none: (text: string, code: string) => void;
}

/** Assertions on the diagnostics that `lint` gives a text. */
export function ruleChecks(lint: (text: string) => Diagnostic[]): RuleChecks {
  const only = (text: string, code: string): Diagnostic[] => lint(text).filter((d) => d.code === code);
  return {
    only,
    expectOne: (text, code, line, character, fragment) => {
      const found = only(text, code);
      assert.equal(found.length, 1, `one ${code}, got: ${JSON.stringify(lint(text).map((d) => [d.code, msg(d)]))}`);
      const [d] = found as [Diagnostic];
      assert.deepEqual([d.range.start.line, d.range.start.character], [line, character], `${code} position: ${msg(d)}`);
      if (typeof fragment === 'string') assert.ok(msg(d).includes(fragment), `${code} message: ${msg(d)}`);
      else assert.match(msg(d), fragment);
      return d;
    },
    none: (text, code) => {
      assert.deepEqual(only(text, code).map(msg), []);
    },
  };
}
