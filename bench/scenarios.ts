// What the bench does to one server: the same sequence for ours and for the peer.
import { edited, type BenchDoc, type BigFile } from './corpus';
import { LspSession, type ServerSpec, type Timed } from './lspDriver';

export const SCENARIOS = {
  startup: 'server start -> initialize result',
  openCold: 'open -> diagnostics, small file, cold kind',
  openWarm: 'open -> diagnostics, small file, warm kind',
  editWarm: 'edit -> diagnostics, small file, warm',
  bigOpenCold: 'open -> diagnostics, big file, cold server',
  bigOpenWarm: 'open -> diagnostics, big file, warm schemas',
  bigEdit: 'edit -> diagnostics, big file',
  bigComplete: 'completion request -> items, big file',
} as const;

export type ScenarioId = keyof typeof SCENARIOS;
export type Samples = Record<ScenarioId, number[]>;

export interface Plan {
  readonly docs: readonly BenchDoc[];
  readonly big: BigFile;
  /** A document the server must flag (spec is not an object), with a URI that routes to a schema. */
  readonly invalid: { readonly uri: string; readonly text: string };
  /** Fresh servers that each open the small set once (the first round also does the edits). */
  readonly rounds: number;
  readonly editsPerDoc: number;
  readonly bigOpens: number;
  readonly bigEdits: number;
  /** Completion requests at spots spread over the big file. */
  readonly bigCompletions: number;
  /** Fresh servers that open only the big file. */
  readonly bigColdRuns: number;
  readonly log: (line: string) => void;
}

/** What the server reported, to show it did real validation work. */
export interface Sanity {
  serverInfo: string;
  /** Diagnostics over the valid small set (ideally 0). */
  smallSetDiagnostics: number;
  /** Completion answers with at least one item, of those asked in the big file. */
  completionsWithItems: number;
  bigFileDiagnostics: number;
  invalidDiagnostics: number;
  invalidFirstMessage: string;
}

export interface ServerResult {
  readonly samples: Samples;
  readonly sanity: Sanity;
}

function emptySamples(): Samples {
  return { startup: [], openCold: [], openWarm: [], editWarm: [], bigOpenCold: [], bigOpenWarm: [], bigEdit: [], bigComplete: [] };
}

/** Starts a server, waits until it is configured, and validates one tiny schema-less file. */
async function freshSession(spec: ServerSpec, samples: Samples, pullsConfiguration: boolean): Promise<LspSession> {
  const s = await LspSession.start(spec);
  samples.startup.push(s.startupMs);
  if (pullsConfiguration) await s.waitConfigured();
  const warmup = 'file:///bench/warmup.yaml';
  await s.open(warmup, 'warmup: true\n');
  await s.close(warmup);
  return s;
}

export async function runServer(spec: ServerSpec, plan: Plan, pullsConfiguration: boolean): Promise<ServerResult> {
  const samples = emptySamples();
  const sanity: Sanity = { serverInfo: '', smallSetDiagnostics: 0, completionsWithItems: 0, bigFileDiagnostics: 0, invalidDiagnostics: 0, invalidFirstMessage: '' };
  for (let round = 0; round < plan.rounds; round++) {
    const s = await freshSession(spec, samples, pullsConfiguration);
    if (round === 0) sanity.serverInfo = s.serverInfo;
    const seen = new Set<string>();
    for (const d of plan.docs) {
      const t = await s.open(d.uri, d.text);
      (seen.has(d.key) ? samples.openWarm : samples.openCold).push(t.ms);
      seen.add(d.key);
      if (round === 0) sanity.smallSetDiagnostics += t.diagnostics.diagnostics.length;
    }
    if (round === 0) {
      await editSmall(s, plan, samples);
      await bigWarm(s, plan, samples, sanity);
      const bad = await s.open(plan.invalid.uri, plan.invalid.text);
      sanity.invalidDiagnostics = bad.diagnostics.diagnostics.length;
      const first = bad.diagnostics.diagnostics[0]?.message ?? '';
      sanity.invalidFirstMessage = (typeof first === 'string' ? first : first.value).replace(/\s+/g, ' ').slice(0, 100);
    }
    await s.shutdown();
    plan.log(`  ${spec.label}: round ${round + 1}/${plan.rounds} done`);
  }
  for (let run = 0; run < plan.bigColdRuns; run++) {
    const s = await freshSession(spec, samples, pullsConfiguration);
    samples.bigOpenCold.push((await s.open('file:///bench/big/cold.yaml', plan.big.text)).ms);
    await s.shutdown();
  }
  plan.log(`  ${spec.label}: big file cold runs done`);
  return { samples, sanity };
}

/** `editsPerDoc` passes over the open small files, one edit per file per pass. */
async function editSmall(s: LspSession, plan: Plan, samples: Samples): Promise<void> {
  for (let i = 1; i <= plan.editsPerDoc; i++) {
    for (const d of plan.docs) samples.editWarm.push((await s.change(d.uri, edited(d.text, d.name, i))).ms);
  }
  plan.log(`  ${s.spec.label}: ${plan.editsPerDoc * plan.docs.length} small edits done`);
}

/** Where completion is asked in the big file: at the end of keys inside replica specs and containers. */
export function completionSpots(text: string, count: number): { line: number; character: number }[] {
  const spots: { line: number; character: number }[] = [];
  text.split('\n').forEach((l, line) => {
    const m = /^(\s+(?:- )?)(replicas|restartPolicy|image|imagePullPolicy):/.exec(l);
    if (m !== null) spots.push({ line, character: (m[1] ?? '').length + (m[2] ?? '').length });
  });
  const step = Math.max(1, Math.floor(spots.length / count));
  return spots.filter((_, i) => i % step === 0).slice(0, count);
}

/** Completion at spots spread over the big file (after its edits, on the edited text). */
async function completeBig(s: LspSession, uri: string, plan: Plan, samples: Samples, sanity: Sanity): Promise<void> {
  for (const spot of completionSpots(edited(plan.big.text, plan.big.middle, plan.bigEdits), plan.bigCompletions)) {
    const r = await s.complete(uri, spot.line, spot.character);
    samples.bigComplete.push(r.ms);
    if (r.items > 0) sanity.completionsWithItems++;
  }
  plan.log(`  ${s.spec.label}: ${plan.bigCompletions} completions in the big file done`);
}

/** Opens the big file `bigOpens` times under fresh URIs (closing each); edits the first one. */
async function bigWarm(s: LspSession, plan: Plan, samples: Samples, sanity: Sanity): Promise<void> {
  for (let j = 0; j < plan.bigOpens; j++) {
    const uri = `file:///bench/big/all-kinds-${j}.yaml`;
    const opened: Timed = await s.open(uri, plan.big.text);
    samples.bigOpenWarm.push(opened.ms);
    if (j === 0) {
      sanity.bigFileDiagnostics = opened.diagnostics.diagnostics.length;
      for (let i = 1; i <= plan.bigEdits; i++) {
        samples.bigEdit.push((await s.change(uri, edited(plan.big.text, plan.big.middle, i))).ms);
      }
      await completeBig(s, uri, plan, samples, sanity);
    }
    await s.close(uri);
  }
  plan.log(`  ${s.spec.label}: big file opens and edits done`);
}
