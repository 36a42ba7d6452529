import { argoProducer } from './argo';
import { bentomlProducer } from './bentoml';
import { crdProducer } from './crd';
import { dvcProducer } from './dvc';
import { katibProducer } from './katib';
import { kfpProducer } from './kfp';
import { mlflowProducer } from './mlflow';
import type { Producer } from './types';

/**
 * Every producer of schemas/generated, in order. Each family (CRD-based jobs, Argo, DVC, Katib,
 * Kubeflow Pipelines, MLflow...) adds one line here and keeps its code in its own module.
 */
export const PRODUCERS: readonly Producer[] = [crdProducer, argoProducer, katibProducer, kfpProducer, dvcProducer, mlflowProducer, bentomlProducer];
