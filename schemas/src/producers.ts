import { crdProducer } from './crd';
import type { Producer } from './types';

/**
 * Every producer of schemas/generated, in order. Each family (CRD-based jobs, Argo, DVC, Katib,
 * Kubeflow Pipelines, MLflow...) adds one line here and keeps its code in its own module.
 */
export const PRODUCERS: readonly Producer[] = [crdProducer];
