// Validates a spec in the renderer with the same zod schema the host uses, and indexes the problems by parameter path.
import type { z } from 'zod';
import { formatPath } from '../../../../src-shared/contract/validate';

/** Problems by dotted path (`connectivity.EE.weight` -> 'must be ≤ 10 mV (allowed range [0, 10])'). */
export function specIssues(schema: z.ZodType, spec: unknown): Map<string, string> {
  const result = schema.safeParse(spec);
  const out = new Map<string, string>();
  if (result.success) return out;
  for (const issue of result.error.issues) {
    const path = formatPath(issue.path);
    if (!out.has(path)) out.set(path, issue.message);
  }
  return out;
}

/** Groups parameter rows by their parent path (`connectivity.EE`), keeping declaration order. */
export function groupByParent<T extends { path: string }>(rows: T[]): { group: string; rows: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const parent = row.path.includes('.') ? row.path.slice(0, row.path.lastIndexOf('.')) : '';
    if (!groups.has(parent)) groups.set(parent, []);
    groups.get(parent)!.push(row);
  }
  return [...groups].map(([group, rs]) => ({ group, rows: rs }));
}

const GROUP_TITLES: Record<string, string> = {
  network: 'Network',
  simulation: 'Simulation',
  recording: 'Recording',
  guards: 'Guards',
  neuron: 'Neuron',
  'neuron.E': 'Neuron (E)',
  'neuron.I': 'Neuron (I)',
  synapse: 'Synapses',
  init: 'Initial state',
  'input.E': 'External input to E',
  'input.I': 'External input to I',
  'connectivity.EE': 'Pathway E → E',
  'connectivity.EI': 'Pathway E → I',
  'connectivity.IE': 'Pathway I → E',
  'connectivity.II': 'Pathway I → I',
};

export function groupTitle(group: string): string {
  return GROUP_TITLES[group] ?? group.replace(/\./g, ' › ');
}
