// Portable, versioned JSON form of a posterior (config, weights, z-scores, curve, prior, metric ids, app version).
import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { LodynError } from '../../../src-shared/contract/envelope';
import { parseOrThrow } from '../../../src-shared/contract/validate';
import { APP_VERSION } from '../app-version';
import { NpePosterior } from './posterior';
import { priorSpecSchema } from './prior';
import { RestrictionClassifier } from './restriction';
import { buildConfiguredEstimator, trainingConfigSchema } from './training';

export const POSTERIOR_FORMAT = 'lodyn-posterior';
export const POSTERIOR_FORMAT_VERSION = 1;

const zScoreSchema = z.object({ mean: z.array(z.number()), std: z.array(z.number()) });
const savedSchema = z.object({
  format: z.literal(POSTERIOR_FORMAT),
  version: z.number().int().min(1),
  appVersion: z.string(),
  config: trainingConfigSchema,
  dimTheta: z.number().int().min(1),
  dimX: z.number().int().min(1),
  /** Weights in the estimator's variable order, as base64 little-endian float32. */
  weights: z.array(z.object({ shape: z.array(z.number().int()), data: z.string() })),
  zTheta: zScoreSchema,
  zX: zScoreSchema,
  curve: z.array(
    z.object({
      epoch: z.number(),
      trainLoss: z.number(),
      valLoss: z.number(),
      bestEpoch: z.number(),
      bestValLoss: z.number(),
      epochSeconds: z.number(),
      member: z.number().int().min(0).optional(),
    }),
  ),
  epochs: z.number().int(),
  bestEpoch: z.number().int(),
  prior: priorSpecSchema,
  metricIds: z.array(z.string()),
  libraryId: z.string().optional(),
  /** Optional in version 1 (added later): runs left out of training and the restriction classifier. */
  invalidRuns: z
    .object({
      total: z.number().int(),
      nInvalid: z.number().int(),
      nonFinite: z.number().int(),
      exploded: z.number().int(),
      quiescent: z.number().int(),
    })
    .optional(),
  restriction: z
    .object({
      dimTheta: z.number().int().min(1),
      hiddenFeatures: z.number().int().min(1),
      threshold: z.number(),
      zTheta: zScoreSchema,
      weights: z.array(z.number()),
      validFraction: z.number(),
      epochs: z.number().int(),
      validationAccuracy: z.number(),
    })
    .optional(),
});

export type SavedPosterior = z.infer<typeof savedSchema>;

export function posteriorToJson(posterior: NpePosterior): SavedPosterior {
  const t = posterior.trained;
  return {
    format: POSTERIOR_FORMAT,
    version: POSTERIOR_FORMAT_VERSION,
    appVersion: APP_VERSION,
    config: t.config,
    dimTheta: posterior.dimTheta,
    dimX: posterior.dimX,
    weights: t.estimator.variables.map((v) => ({
      shape: v.shape,
      data: Buffer.from(new Float32Array(v.dataSync()).buffer).toString('base64'),
    })),
    zTheta: t.zTheta,
    zX: t.zX,
    curve: t.curve,
    epochs: t.epochs,
    bestEpoch: t.bestEpoch,
    prior: posterior.prior,
    metricIds: posterior.meta.metricIds,
    ...(posterior.meta.libraryId ? { libraryId: posterior.meta.libraryId } : {}),
    ...(posterior.meta.invalidRuns ? { invalidRuns: posterior.meta.invalidRuns } : {}),
    ...(posterior.restriction ? { restriction: posterior.restriction.toJSON() } : {}),
  };
}

/** Rebuilds a posterior; the estimator is rebuilt from the config's seed (fixed permutations), then the weights load. */
export function posteriorFromJson(json: unknown): NpePosterior {
  const saved = parseOrThrow(savedSchema, json, 'posterior');
  if (saved.version > POSTERIOR_FORMAT_VERSION) {
    throw new LodynError(
      'ValidationError',
      `posterior format version ${saved.version} is newer than this app reads (${POSTERIOR_FORMAT_VERSION})`,
      { field: 'posterior.version' },
    );
  }
  const estimator = buildConfiguredEstimator(saved.config, saved.dimTheta, saved.dimX);
  if (estimator.variables.length !== saved.weights.length) {
    estimator.dispose();
    throw new LodynError(
      'ValidationError',
      `expected ${estimator.variables.length} weight tensors, got ${saved.weights.length}`,
      { field: 'posterior.weights' },
    );
  }
  estimator.variables.forEach((v, i) => {
    const buf = Buffer.from(saved.weights[i].data, 'base64');
    const values = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    tf.tidy(() => v.assign(tf.tensor(values, saved.weights[i].shape)));
  });
  return new NpePosterior(
    {
      estimator,
      config: saved.config,
      zTheta: saved.zTheta,
      zX: saved.zX,
      curve: saved.curve,
      epochs: saved.epochs,
      bestEpoch: saved.bestEpoch,
    },
    saved.prior,
    { metricIds: saved.metricIds, libraryId: saved.libraryId, invalidRuns: saved.invalidRuns },
    saved.restriction ? new RestrictionClassifier(saved.restriction) : undefined,
  );
}
