/**
 * Contradictions between the directives sbatch reads (MLW2003): an option given twice with
 * different values, a --ntasks that differs from --nodes × --ntasks-per-node, and pairs of
 * options sbatch refuses together.
 */
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { ParsedOption } from './directive';
import { finding, type Finding } from './findings';
import { display } from './itemChecks';
import { canonicalOption, type SbatchOption } from './options';
import type { BatchScript } from './parse';

/** An option sbatch reads, with the line it is on. */
interface Use {
  readonly item: ParsedOption;
  readonly option: SbatchOption;
  readonly line: number;
}

/** Pairs sbatch refuses together, with the release since which it does. */
const EXCLUSIVE_PAIRS: readonly (readonly [string, string, string])[] = [
  ['mem', 'mem-per-cpu', ''],
  ['mem', 'mem-per-gpu', ''],
  ['mem-per-cpu', 'mem-per-gpu', ''],
  ['exclusive', 'oversubscribe', '23.02'],
  ['cpus-per-gpu', 'cpus-per-task', '23.11'],
];

export function conflictFindings(script: BatchScript): Finding[] {
  const uses = effectiveUses(script);
  const last = new Map<string, Use>();
  for (const use of uses) last.set(use.option.name, use);
  return [...duplicateFindings(uses, last), ...taskCountFindings(last), ...exclusiveFindings(last)];
}

/** The options sbatch reads: from directives before the first command, not indented, resolved. */
function effectiveUses(script: BatchScript): Use[] {
  const uses: Use[] = [];
  for (const d of script.directives) {
    if (d.indented || d.afterFirstCommand) continue;
    for (const item of d.items) {
      if (item.kind !== 'option' || item.option === undefined || item.match === 'singleDashLong') continue;
      uses.push({ item, option: canonicalOption(item.option), line: d.line });
    }
  }
  return uses;
}

function valueOf(use: Use): string {
  return use.item.value?.text ?? '';
}

function shown(use: Use): string {
  const v = use.item.value?.text;
  return v === undefined ? display(use.option) : `${display(use.option)}=${v}`;
}

function duplicateFindings(uses: readonly Use[], last: ReadonlyMap<string, Use>): Finding[] {
  const out: Finding[] = [];
  for (const use of uses) {
    const final = last.get(use.option.name);
    if (final === undefined || final === use || use.option.repeatable === true || valueOf(final) === valueOf(use)) continue;
    out.push(
      finding('MLW2003', use.item.nameSpan, `${display(use.option)} is given again on line ${final.line + 1} (${shown(final)}); sbatch keeps the last value, so ${shown(use)} here has no effect`),
    );
  }
  return out;
}

function taskCountFindings(last: ReadonlyMap<string, Use>): Finding[] {
  const ntasks = last.get('ntasks');
  const nodes = last.get('nodes');
  const perNode = last.get('ntasks-per-node');
  if (ntasks === undefined || nodes === undefined || perNode === undefined) return [];
  const [n, N, p] = [valueOf(ntasks), valueOf(nodes), valueOf(perNode)];
  if (![n, N, p].every((v) => /^\d+$/.test(v))) return [];
  const product = Number(N) * Number(p);
  if (Number(n) === product) return [];
  return [
    finding(
      'MLW2003',
      ntasks.item.nameSpan,
      `--ntasks=${n} differs from --nodes × --ntasks-per-node = ${N} × ${p} = ${product}; sbatch goes by --ntasks and treats --ntasks-per-node as a maximum, so ${Number(n) < product ? 'some task slots stay empty' : 'the tasks do not fit and the request cannot be met'}`,
    ),
  ];
}

function exclusiveFindings(last: ReadonlyMap<string, Use>): Finding[] {
  const out: Finding[] = [];
  for (const [a, b, since] of EXCLUSIVE_PAIRS) {
    const first = last.get(a);
    const second = last.get(b);
    if (first === undefined || second === undefined) continue;
    const [earlier, later] = first.item.nameSpan.start <= second.item.nameSpan.start ? [first, second] : [second, first];
    const when = since === '' ? 'sbatch refuses the script' : `sbatch ${since} and later refuse the script`;
    out.push(
      finding('MLW2003', later.item.nameSpan, `${display(later.option)} cannot be combined with ${display(earlier.option)} (line ${earlier.line + 1}): ${when}; keep one of them`, DiagnosticSeverity.Error),
    );
  }
  return out;
}
