// The creation wizard's drafts of free parameters and priors, their problems, and the library spec they make.
import type { ParamMeta } from '../../../../src-shared/model/params';
import type { LibrarySpecInput } from '../../../../src-shared/space/library-spec';
import type { Prior } from '../../../../src-shared/space/schema';

export type PriorKind = Prior['kind'];

export const PRIOR_LABELS: Record<PriorKind, string> = {
  uniform: 'Uniform',
  logUniform: 'Log-uniform',
  truncatedNormal: 'Truncated normal',
  choice: 'Choice',
};

/** One free parameter as the wizard edits it: every prior's fields kept, so switching kind loses nothing. */
export interface FreeDraft {
  path: string;
  id: string;
  label: string;
  unit: string;
  integer: boolean;
  kind: PriorKind;
  low: number;
  high: number;
  mean: number;
  sd: number;
  /** Choice values, comma-separated numbers. */
  choices: string;
}

function clamp(v: number, meta: ParamMeta): number {
  return Math.min(meta.max ?? Infinity, Math.max(meta.min ?? -Infinity, v));
}

/** An identifier from a spec path (`connectivity.EE.weight` -> `EE_weight`), unique among `taken`. */
export function idFromPath(path: string, taken: ReadonlySet<string>): string {
  const parts = path.split('.');
  let base = parts
    .slice(-2)
    .join('_')
    .replace(/[^A-Za-z0-9_]/g, '_');
  if (/^[0-9]/.test(base)) base = `p_${base}`;
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}_${k}`;
  return id;
}

/** Bounds around the default (±50 %, within the parameter's range); a zero default spans a tenth of the range. */
export function defaultDraft(meta: ParamMeta, taken: ReadonlySet<string>): FreeDraft {
  const d = Number(meta.default);
  let low: number;
  let high: number;
  if (d !== 0 && Number.isFinite(d)) {
    low = clamp(Math.min(d * 0.5, d * 1.5), meta);
    high = clamp(Math.max(d * 0.5, d * 1.5), meta);
  } else {
    low = meta.min ?? 0;
    const span = (meta.max ?? low + 10) - low;
    high = low + (Number.isFinite(span) && span > 0 ? span / 10 : 1);
  }
  if (meta.kind === 'integer') {
    low = Math.ceil(low);
    high = Math.max(low + 1, Math.floor(high));
  }
  return {
    path: meta.path,
    id: idFromPath(meta.path, taken),
    // Labels repeat across pathways and populations (`Weight J` of EE and IE): add the group that tells them apart.
    label: meta.path.split('.').length > 2 ? `${meta.label} ${meta.path.split('.').slice(-2, -1)[0]}` : meta.label,
    unit: meta.unit === '1' ? '' : meta.unit,
    integer: meta.kind === 'integer',
    kind: 'uniform',
    low,
    high,
    mean: Number.isFinite(d) ? d : (low + high) / 2,
    sd: Math.abs(high - low) / 4 || 1,
    choices: [low, Number.isFinite(d) ? d : (low + high) / 2, high].filter((v, i, a) => a.indexOf(v) === i).join(', '),
  };
}

export function parseChoices(text: string): number[] {
  return text
    .split(/[,\s;]+/)
    .filter((s) => s.length > 0)
    .map(Number);
}

/** Problems by field of one draft (`low`, `high`, `sd`, `mean`, `choices`, `id`), checked against the parameter's range. */
export function draftProblems(d: FreeDraft, meta: ParamMeta | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const range = meta && (meta.min !== undefined || meta.max !== undefined) ? ` [${meta.min}, ${meta.max}]` : '';
  const outside = (v: number) => (meta?.min !== undefined && v < meta.min) || (meta?.max !== undefined && v > meta.max);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(d.id)) out.id = 'letters, digits and _, not starting with a digit';
  if (d.kind === 'choice') {
    const values = parseChoices(d.choices);
    if (!values.length) out.choices = 'give at least one value';
    else if (values.some((v) => !Number.isFinite(v))) out.choices = 'numbers separated by commas';
    else if (values.some(outside)) out.choices = `every value must lie in the allowed range${range}`;
    return out;
  }
  if (!Number.isFinite(d.low)) out.low = 'give a number';
  if (!Number.isFinite(d.high)) out.high = 'give a number';
  if (!(d.high > d.low)) out.high = 'must be greater than low';
  if (outside(d.low)) out.low = `must lie in the allowed range${range}`;
  if (outside(d.high)) out.high = `must lie in the allowed range${range}`;
  if (d.kind === 'logUniform' && !(d.low > 0)) out.low = 'must be > 0 for a log-uniform prior';
  if (d.kind === 'truncatedNormal') {
    if (!(d.sd > 0)) out.sd = 'must be > 0';
    if (!Number.isFinite(d.mean)) out.mean = 'give a number';
  }
  return out;
}

export function draftPrior(d: FreeDraft): Prior {
  switch (d.kind) {
    case 'uniform':
      return { kind: 'uniform', low: d.low, high: d.high };
    case 'logUniform':
      return { kind: 'logUniform', low: d.low, high: d.high };
    case 'truncatedNormal':
      return { kind: 'truncatedNormal', mean: d.mean, sd: d.sd, low: d.low, high: d.high };
    case 'choice':
      return { kind: 'choice', values: parseChoices(d.choices) };
  }
}

export interface WizardSettings {
  name: string;
  description: string;
  baseSpec: Record<string, unknown>;
  free: FreeDraft[];
  design: 'sobol' | 'lhs' | 'random' | 'grid';
  /** Levels per free parameter, for a grid. */
  levels: number[];
  nSets: number;
  seedsPerSet: number;
  seed: number;
  /** Record spikes of at most this many neurons per run (0: all). */
  maxNeurons: number;
}

/** Runs per shard: small libraries get several shards so progress shows and a crash loses little. */
export function runsPerShardFor(runs: number): number {
  return Math.max(1, Math.min(256, Math.ceil(runs / 8)));
}

export function buildLibrarySpec(w: WizardSettings): LibrarySpecInput {
  const nSets = w.design === 'grid' ? w.levels.reduce((a, b) => a * b, 1) : w.nSets;
  return {
    version: 1,
    name: w.name,
    description: w.description,
    space: {
      version: 1,
      name: w.name,
      baseSpec: w.baseSpec,
      free: w.free.map((d) => ({
        id: d.id,
        path: d.path,
        label: d.label,
        unit: d.unit,
        integer: d.integer,
        prior: draftPrior(d),
      })),
    },
    design:
      w.design === 'grid'
        ? { kind: 'grid', levels: w.levels }
        : w.design === 'sobol'
          ? { kind: 'sobol' }
          : { kind: w.design },
    nSets,
    seedsPerSet: w.seedsPerSet,
    seed: w.seed,
    runsPerShard: runsPerShardFor(nSets * w.seedsPerSet),
    recording: w.maxNeurons > 0 ? { maxNeurons: w.maxNeurons } : {},
  };
}
