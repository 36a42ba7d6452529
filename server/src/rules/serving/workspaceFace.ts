import type { WorkspaceDocument } from '../../engine/types';
import { get } from '../jobs/helpers';
import { ISVC, KSERVE, SELDON_V2 } from './common';

/** Kinds whose names the serving rules look up in other documents (InferenceGraph, Experiment). */
const NAMED: ReadonlySet<string> = new Set([ISVC, `${SELDON_V2}/Model`, `${SELDON_V2}/Pipeline`]);
const STORAGE_CONTAINER = `${KSERVE}/v1alpha1/ClusterStorageContainer`;

/**
 * What the serving rules read of a document of another file (or another document of the same
 * file), for the workspace index to tell when a change must re-check the others: the name of an
 * InferenceService or a Seldon Model or Pipeline, the URI formats of a ClusterStorageContainer.
 * Undefined for other kinds.
 */
export function servingPublicFace(d: WorkspaceDocument): unknown {
  if (NAMED.has(d.kindKey)) return [d.kindKey, get(d.value, 'metadata', 'name')];
  if (d.kindKey === STORAGE_CONTAINER) return [d.kindKey, get(d.value, 'spec', 'supportedUriFormats')];
  return undefined;
}
