// Registry of density estimators by id: callers build any of them from the same shape and never branch on the id.
import { validationError } from '../../../../src-shared/contract/envelope';
import type { Rng } from '../rng';
import { Maf } from './maf';
import { Mdn } from './mdn';
import { Nsf } from './nsf';
import type { DensityEstimator, EstimatorId, EstimatorShape } from './types';

export type { DensityEstimator, EstimatorId, EstimatorShape } from './types';

const REGISTRY: Partial<Record<EstimatorId, (shape: EstimatorShape, rng: Rng) => DensityEstimator>> = {
  maf: (shape, rng) => new Maf(shape, rng),
  mdn: (shape, rng) => new Mdn(shape, rng),
  nsf: (shape, rng) => new Nsf(shape, rng),
};

export function estimatorIds(): EstimatorId[] {
  return Object.keys(REGISTRY) as EstimatorId[];
}

export function buildEstimator(id: EstimatorId, shape: EstimatorShape, rng: Rng): DensityEstimator {
  const make = REGISTRY[id];
  if (!make)
    throw validationError('estimator', `unknown estimator '${id}'; expected one of ${estimatorIds().join(', ')}`);
  return make(shape, rng);
}
