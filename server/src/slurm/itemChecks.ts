/**
 * Checks of single directive items: unknown names (MLW2001), missing or malformed values
 * (MLW2002), options newer than 22.05 (MLW2005), shell variables sbatch will not expand (MLW2006).
 */
import { closest } from '../engine/suggest';
import type { DirectiveItem, ParsedOption, ParsedValue, ParsedWord } from './directive';
import { finding, type Finding } from './findings';
import { BASELINE_RELEASE, findShortOption, longOptionNames, type SbatchOption } from './options';
import { valueProblem } from './values';

const SHELL_VARIABLE = /\$(?:\{|\(|[A-Za-z_])/;

/** The findings of one directive's items. */
export function itemFindings(items: readonly DirectiveItem[]): Finding[] {
  const out: Finding[] = [];
  items.forEach((item, i) => {
    if (item.kind === 'word') out.push(wordFinding(item, items[i - 1]));
    else out.push(...optionFindings(item));
  });
  return out;
}

/** `--name`, the way messages spell an option. */
export function display(option: SbatchOption): string {
  return `--${option.name}`;
}

function wordFinding(word: ParsedWord, previous: DirectiveItem | undefined): Finding {
  if (word.unterminatedQuote) return finding('MLW2002', word.span, `'${word.text}' opens a quote that is never closed; sbatch refuses the script`);
  const flag = previous?.kind === 'option' && previous.value === undefined ? previous.option : undefined;
  if (flag?.arg === 'optional') {
    return finding('MLW2002', word.span, `'${word.text}' is not read as the value of ${display(flag)}, which takes one only after '=': write ${display(flag)}=${word.text}`);
  }
  if (flag?.arg === 'none') return finding('MLW2002', word.span, `${display(flag)} takes no value, so '${word.text}' is left over as a stray word; remove it`);
  return finding('MLW2001', word.span, `'${word.text}' is not an sbatch option: options start with - or --`);
}

function optionFindings(item: ParsedOption): Finding[] {
  const nameProblem = nameFinding(item);
  if (nameProblem !== undefined) return [nameProblem];
  const option = item.option;
  if (option === undefined) return [];
  const out: Finding[] = [];
  if (option.since !== undefined) {
    out.push(finding('MLW2005', item.nameSpan, `${display(option)} was added in Slurm ${option.since}; an older sbatch (${olderThan(option.since)}) rejects it as unknown`));
  }
  if (item.value === undefined) {
    if (option.arg === 'required') out.push(finding('MLW2002', item.nameSpan, `${display(option)} needs a value${option.placeholder === undefined ? '' : ` (${option.placeholder})`}`));
    return out;
  }
  out.push(...valueFindings(item, option, item.value));
  return out;
}

function nameFinding(item: ParsedOption): Finding | undefined {
  switch (item.match) {
    case 'unknown': {
      const f = finding('MLW2001', item.nameSpan, item.dashes === 2 ? unknownLong(item.written) : unknownShort(item.written));
      const guess = item.dashes === 2 ? closest(item.written, longOptionNames()) : undefined;
      return guess === undefined ? f : { ...f, fix: { title: `Change to --${guess}`, text: `--${guess}` } };
    }
    case 'ambiguous': {
      const names = (item.candidates ?? []).map(display).join(', ');
      return finding('MLW2001', item.nameSpan, `--${item.written} is ambiguous: it could be ${names}; write the full name`);
    }
    case 'singleDashLong':
      return finding('MLW2001', item.nameSpan, singleDash(item));
    default:
      return undefined;
  }
}

function unknownLong(written: string): string {
  const guess = closest(written, longOptionNames());
  return `unknown sbatch option --${written}${guess === undefined ? '' : `; did you mean --${guess}?`}`;
}

function unknownShort(letter: string): string {
  const other = letter === letter.toLowerCase() ? letter.toUpperCase() : letter.toLowerCase();
  const guess = findShortOption(other);
  return `unknown sbatch option -${letter}${guess === undefined ? '' : `; did you mean -${other} (${display(guess)})?`}`;
}

function singleDash(item: ParsedOption): string {
  const letter = item.written[0] ?? '';
  const first = findShortOption(letter);
  const value = item.value?.form === 'equals' ? `=${item.value.text}` : '';
  const reading = first?.arg === 'required' ? `-${letter} (${display(first)}) with the value '${item.written.slice(1)}${value}'` : `separate letters starting with -${letter}`;
  return `-${item.written} has a single dash, so sbatch reads it as ${reading}; write --${item.written}`;
}

function valueFindings(item: ParsedOption, option: SbatchOption, value: ParsedValue): Finding[] {
  if (option.arg === 'none') return [finding('MLW2002', value.span, `${display(option)} takes no value; remove '=${value.text}'`)];
  if (value.unterminatedQuote) return [finding('MLW2002', value.span, `the value of ${display(option)} opens a quote that is never closed; sbatch refuses the script`)];
  if (value.form === 'attached' && value.text.startsWith('=')) {
    return [finding('MLW2002', value.span, `-${item.written}${value.text} gives ${display(option)} the value '${value.text}', '=' included; write -${item.written} ${value.text.slice(1)} or -${item.written}${value.text.slice(1)}`)];
  }
  if (SHELL_VARIABLE.test(value.text)) {
    return [finding('MLW2006', value.span, `sbatch does not expand shell variables in #SBATCH lines: ${display(option)} gets the literal text '${value.text}'`)];
  }
  const problem = valueProblem(option, value.text);
  if (problem !== undefined) return [finding('MLW2002', value.span, `${display(option)}: ${problem}`)];
  return newerValues(option, value);
}

function newerValues(option: SbatchOption, value: ParsedValue): Finding[] {
  const since = option.valuesSince;
  if (since === undefined) return [];
  const out: Finding[] = [];
  for (const v of value.text.split(',')) {
    const release = Object.entries(since).find(([k]) => k.toLowerCase() === v.toLowerCase())?.[1];
    if (release !== undefined) out.push(finding('MLW2005', value.span, `${display(option)}=${v} was added in Slurm ${release}; an older sbatch (${olderThan(release)}) rejects the value`));
  }
  return out;
}

const RELEASES = ['22.05', '23.02', '23.11', '24.05', '24.11', '25.05', '25.11'];

/** The releases this table covers that came before this one: "22.05" or "22.05 to 23.11". */
function olderThan(release: string): string {
  const previous = RELEASES[RELEASES.indexOf(release) - 1] ?? BASELINE_RELEASE;
  return previous === BASELINE_RELEASE ? BASELINE_RELEASE : `${BASELINE_RELEASE} to ${previous}`;
}
