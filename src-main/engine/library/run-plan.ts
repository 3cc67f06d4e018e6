// Run i of a library as a pure function of (library spec, library seed, i): its parameter set, seed and spec.
import type { CompiledSpace, SpacePoint } from '../../../src-shared/space/space';
import { compileSpace, pointFromUnit } from '../../../src-shared/space/space';
import { librarySpecSchema, totalRuns, type LibrarySpec } from '../../../src-shared/space/library-spec';
import { parseOrThrow } from '../../../src-shared/contract/validate';
import { validationError } from '../../../src-shared/contract/envelope';
import type { SpikeRecord } from '../../../src-shared/model/spikes';
import { createDesign, SOBOL_MAX_DIM, type DesignSampler } from './designs';
import { hash32, mulberry32, STREAM } from './hash-rng';

export interface PlannedRun {
  index: number;
  /** Parameter set j = floor(i / seedsPerSet); runs of one set share parameters. */
  setIndex: number;
  seedIndex: number;
  /** Simulation seed (32-bit). */
  seed: number;
  point: SpacePoint;
}

export interface LibraryPlan {
  spec: LibrarySpec;
  space: CompiledSpace;
  design: DesignSampler;
  nRuns: number;
  run(i: number): PlannedRun;
}

/** Validates a library spec (schema, space, design limits) and binds its design. */
export function planLibrary(input: unknown, root = 'spec'): LibraryPlan {
  const spec = parseOrThrow(librarySpecSchema, input, root);
  const space = compileSpace(spec.space, `${root}.space`);
  if (spec.design.kind === 'sobol' && space.dim > SOBOL_MAX_DIM) {
    throw validationError(`${root}.space.free`, `Sobol design supports at most ${SOBOL_MAX_DIM} free parameters`);
  }
  const design = createDesign(spec.design, space.dim, spec.nSets, spec.seed);
  const nRuns = totalRuns(spec);
  const u = new Float64Array(space.dim);
  return {
    spec,
    space,
    design,
    nRuns,
    run(i) {
      if (!Number.isInteger(i) || i < 0 || i >= nRuns) throw new Error(`run index ${i} out of range [0, ${nRuns})`);
      const setIndex = Math.floor(i / spec.seedsPerSet);
      const seedIndex = i % spec.seedsPerSet;
      design.point(setIndex, u);
      return {
        index: i,
        setIndex,
        seedIndex,
        seed: hash32(spec.seed, STREAM.runSeed, i),
        point: pointFromUnit(space, u),
      };
    },
  };
}

/**
 * Keeps the spikes of a seeded subset of at most `maxNeurons` neurons (ascending original ids), renumbered
 * 0..k-1, with `sourceIds` naming the originals. Populations are re-cut to the kept neurons.
 */
export function subsetRecording(spikes: SpikeRecord, maxNeurons: number, runSeed: number): SpikeRecord {
  if (maxNeurons >= spikes.nNeurons) return spikes;
  const rand = mulberry32(hash32(runSeed, STREAM.recording));
  const ids = new Uint32Array(spikes.nNeurons);
  for (let i = 0; i < ids.length; i++) ids[i] = i;
  for (let i = 0; i < maxNeurons; i++) {
    const k = i + Math.floor(rand() * (ids.length - i));
    const t = ids[i];
    ids[i] = ids[k];
    ids[k] = t;
  }
  const kept = ids.slice(0, maxNeurons).sort();
  const newIndex = new Int32Array(spikes.nNeurons).fill(-1);
  kept.forEach((id, k) => (newIndex[id] = k));
  let n = 0;
  for (let s = 0; s < spikes.neuron.length; s++) if (newIndex[spikes.neuron[s]] >= 0) n++;
  const neuron = new Uint32Array(n);
  const timeMs = new Float64Array(n);
  for (let s = 0, o = 0; s < spikes.neuron.length; s++) {
    const k = newIndex[spikes.neuron[s]];
    if (k >= 0) {
      neuron[o] = k;
      timeMs[o++] = spikes.timeMs[s];
    }
  }
  const populations = spikes.populations.map((p) => {
    let start = -1;
    let count = 0;
    kept.forEach((id, k) => {
      if (id >= p.start && id < p.start + p.count) {
        if (start < 0) start = k;
        count++;
      }
    });
    return { name: p.name, start: Math.max(start, 0), count };
  });
  const sourceIds = spikes.sourceIds ? kept.map((k) => spikes.sourceIds![k]) : kept;
  return { neuron, timeMs, nNeurons: maxNeurons, durationMs: spikes.durationMs, populations, sourceIds };
}
