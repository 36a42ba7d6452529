import type { JsonSchema } from './types';

// ObjectMeta (meta/v1), written from the field list of the Kubernetes API reference. CRDs leave
// `metadata` as a bare object because the API server validates it itself; so do we, here.

const stringMap: JsonSchema = { type: 'object', additionalProperties: { type: 'string' } };

const ownerReference: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'name', 'uid'],
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    name: { type: 'string' },
    uid: { type: 'string' },
    controller: { type: 'boolean' },
    blockOwnerDeletion: { type: 'boolean' },
  },
};

/** The metadata of a top-level object. Timestamps may be null: `kubectl create --dry-run -o yaml` writes them so. */
export function objectMeta(): JsonSchema {
  return {
    description: 'Identity of the object: its name (or a generateName prefix), namespace, labels and annotations.',
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', description: 'Unique within the namespace and kind. Job operators derive pod and service names from it.' },
      generateName: { type: 'string', description: 'A prefix: the server appends a random suffix to make the name. Use with `kubectl create`, not `apply`.' },
      namespace: { type: 'string', description: 'The namespace the object lives in; when absent, the one of the kubectl context.' },
      labels: { ...stringMap, description: 'Key/value strings for selecting objects. Values must be strings: quote numbers and booleans.' },
      annotations: { ...stringMap, description: 'Key/value strings for tools and controllers. Values must be strings: quote numbers and booleans.' },
      finalizers: { type: 'array', items: { type: 'string' } },
      ownerReferences: { type: 'array', items: ownerReference },
      uid: { type: 'string' },
      resourceVersion: { type: 'string' },
      generation: { type: 'integer' },
      selfLink: { type: 'string' },
      creationTimestamp: { type: ['string', 'null'] },
      deletionTimestamp: { type: ['string', 'null'] },
      deletionGracePeriodSeconds: { type: 'integer' },
      managedFields: { type: 'array', items: { type: 'object' } },
    },
  };
}
