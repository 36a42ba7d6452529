// The busbw chart of an allreduce-bench job: follows the job's output (rank 0's log, or the Slurm
// output file) through the native output parser and posts the series to the page, at most every
// 200 ms while rows stream in, and in full on every `ready`.
import * as vscode from 'vscode';
import type { BusbwSeries, FromNativeChart, JobRecord, ToNativeChart } from '../../../protocol';
import { isFinal } from '../../../core/jobs/backend';
import { followNativeResults, resultFile } from '../../../core/native/launch';
import type { NativeOutputReader } from '../../../core/native/parse';
import type { Ctx } from '../ctx';
import { jobsOf } from '../jobs/index';
import { openWebview } from '../webview/panel';
import { messageValidator } from '../webview/validate';

export const NATIVE_CHART_VIEW_TYPE = 'mlops.nativeChart';

/** The page sends only `ready` and `invalid`. */
export const validateFromNativeChart = messageValidator<FromNativeChart>({
  ready: () => ({ type: 'ready' }),
  invalid: (f) => (typeof f['error'] === 'string' ? { type: 'invalid', error: f['error'] } : 'error must be a string'),
});

/** The series of a job from what the reader has so far (out-of-place busbw of each size). */
export function seriesOf(job: JobRecord, reader: NativeOutputReader | undefined, done: boolean): BusbwSeries {
  const rows = reader?.allreduce() ?? [];
  return {
    jobId: job.id,
    label: job.name,
    sizes: rows.map((r) => r.size),
    busbw: rows.map((r) => r.oop.busbw),
    wrong: rows.reduce((n, r) => n + (r.oop.wrong ?? 0) + (r.ip.wrong ?? 0), 0),
    done,
  };
}

/** Opens the chart of `job` beside the editor and follows the job until it ends or the panel closes. */
export function openBusbwChart(ctx: Ctx, job: JobRecord): void {
  const file = resultFile(job);
  if (file === undefined) {
    void vscode.window.showWarningMessage(`MLOps: ${job.id} has no output file to chart.`);
    return;
  }
  const view = openWebview<FromNativeChart, ToNativeChart>(
    { viewType: NATIVE_CHART_VIEW_TYPE, title: `busbw: ${job.name}`, bundle: 'nativeChart', validate: validateFromNativeChart, log: ctx.log },
    ctx.extension.extensionUri,
    vscode.ViewColumn.Beside,
  );
  const { hub } = jobsOf(ctx);
  const abort = new AbortController();
  let reader: NativeOutputReader | undefined;
  let ended = false;
  let last = 0;
  let failure: string | undefined;
  const post = (force: boolean): void => {
    if (!force && Date.now() - last < 200) return;
    last = Date.now();
    view.post(failure === undefined ? { type: 'series', series: seriesOf(job, reader, ended) } : { type: 'error', message: failure });
  };
  view.onMessage((m) => {
    switch (m.type) {
      case 'ready':
        post(true);
        break;
      case 'invalid':
        ctx.log.warn(`${NATIVE_CHART_VIEW_TYPE}: the page refused a message: ${m.error}`);
        break;
    }
  });
  view.onDidDispose(() => {
    abort.abort();
  });
  const jobEnded = async (): Promise<boolean> => {
    const now = await hub.service.refresh(job.id, job.backend).then(
      (d) => d.job,
      () => hub.service.find(job.id, job.backend),
    );
    return isFinal(now.state);
  };
  void followNativeResults(file, {
    signal: abort.signal,
    // The job's state is read once a second (a Slurm job's costs a squeue).
    intervalMs: 1000,
    done: jobEnded,
    onResults: (_results, r) => {
      reader = r;
      post(false);
    },
  }).then(
    (r) => {
      reader = r;
      ended = true;
      post(true);
    },
    (e: unknown) => {
      failure = `Cannot follow ${file}: ${e instanceof Error ? e.message : String(e)}`;
      post(true);
    },
  );
}
