import type { DocumentRule, Finding } from '../../engine/types';
import { asInt, finding, get } from '../jobs/helpers';
import { DEFAULT_PARALLEL_TRIALS } from './names';

/** MLW4108: parallelTrialCount (3 when unset) and maxFailedTrialCount against maxTrialCount. */
export const trialCountRules: DocumentRule = (ctx) => {
  const max = asInt(get(ctx.value, 'spec', 'maxTrialCount'));
  if (max === undefined || max <= 0) return [];
  const out: Finding[] = [];
  const written = get(ctx.value, 'spec', 'parallelTrialCount');
  const parallel = written === undefined || written === null ? undefined : asInt(written);
  if (parallel !== undefined && parallel > max) {
    out.push(finding('MLW4108', ['spec', 'parallelTrialCount'], `parallelTrialCount ${parallel} is above maxTrialCount ${max}: Katib's webhook rejects the experiment. Lower it to at most ${max}.`, 'value'));
  } else if ((written === undefined || written === null) && DEFAULT_PARALLEL_TRIALS > max) {
    out.push(finding('MLW4108', ['spec', 'maxTrialCount'], `parallelTrialCount is unset, so Katib sets it to ${DEFAULT_PARALLEL_TRIALS}, above maxTrialCount ${max}, and its webhook rejects the experiment. Set parallelTrialCount to at most ${max}.`, 'value'));
  }
  const failed = asInt(get(ctx.value, 'spec', 'maxFailedTrialCount'));
  if (failed !== undefined && failed > max) {
    out.push(finding('MLW4108', ['spec', 'maxFailedTrialCount'], `maxFailedTrialCount ${failed} is above maxTrialCount ${max}: Katib's webhook rejects the experiment. Lower it to at most ${max}.`, 'value'));
  }
  return out;
};
