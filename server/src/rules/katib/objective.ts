import type { DocumentRule, Finding } from '../../engine/types';
import { asArray, asRecord, asString, finding, get } from '../jobs/helpers';

const DIRECTIONS = ['minimize', 'maximize'];

/** MLW4101: an objective without a direction (a goal needs one to mean anything). */
function objectiveType(objective: Readonly<Record<string, unknown>>): Finding[] {
  const type = objective['type'];
  // A wrong string or type is the schema's finding; the rule reports only a missing direction.
  if (type !== undefined && type !== null && type !== '') return [];
  const goal = objective['goal'];
  const metric = asString(objective['objectiveMetricName']);
  const what = metric === undefined ? 'the objective metric' : `'${metric}'`;
  const why = typeof goal === 'number'
    ? `Katib cannot tell whether the goal ${goal} means ${what} at least ${goal} or at most ${goal}, nor which trials are better`
    : `Katib cannot tell whether a higher or a lower ${what} is better`;
  const message = `The objective has no type: ${why}, and its webhook rejects the experiment. Add type: ${DIRECTIONS.join(' or ')}.`;
  return type === undefined
    ? [finding('MLW4101', ['spec', 'objective'], message)]
    : [finding('MLW4101', ['spec', 'objective', 'type'], message, 'value')];
}

/** MLW4102: the objective metric repeated among the additional metrics. */
function repeatedMetric(objective: Readonly<Record<string, unknown>>): Finding[] {
  const metric = asString(objective['objectiveMetricName']);
  if (metric === undefined || metric === '') return [];
  return asArray(objective['additionalMetricNames']).flatMap((name, i) =>
    name === metric
      ? [finding('MLW4102', ['spec', 'objective', 'additionalMetricNames', i], `'${metric}' is the objective metric, which Katib always collects; its webhook rejects it in additionalMetricNames. Remove it from this list.`, 'value')]
      : [],
  );
}

/** MLW4101 and MLW4102 on spec.objective. */
export const objectiveRules: DocumentRule = (ctx) => {
  const objective = asRecord(get(ctx.value, 'spec', 'objective'));
  if (objective === undefined) return [];
  return [...objectiveType(objective), ...repeatedMetric(objective)];
};
