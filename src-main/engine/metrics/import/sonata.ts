// Reads SONATA spike files: /spikes/<population>/timestamps (ms unless units say s) and node_ids, one group per population.
import { validationError } from '../../../../src-shared/contract/envelope';
import { assembleRecord, type AssembleOptions, type ImportedSpikes } from './assemble';
import { attr, dataset, isGroup, numbers, withHdf5 } from './hdf5';

/** Node ids are per population in SONATA, so the record's neurons are (population, node id) pairs. */
export async function readSonataSpikes(
  source: { path: string } | { bytes: Uint8Array; name: string },
  opts: AssembleOptions = {},
): Promise<ImportedSpikes> {
  return withHdf5(source, (f) => {
    if (!isGroup(f, 'spikes')) throw validationError('/spikes', 'no /spikes group: not a SONATA spike file');
    const popNames = (f.get('spikes') as unknown as { keys(): string[] }).keys();
    if (!popNames.length) throw validationError('/spikes', 'the /spikes group holds no population');
    const allIds: number[] = [];
    const allMs: number[] = [];
    const allPops: string[] = [];
    const where: string[] = [];
    // Distinct populations may reuse node ids; offset them so ids stay unique across populations.
    let idOffset = 0;
    const ranges: string[] = [];
    for (const name of popNames) {
      const base = `spikes/${name}`;
      const ts = numbers(dataset(f, `${base}/timestamps`));
      const nodes = numbers(dataset(f, `${base}/node_ids`));
      if (ts.length !== nodes.length)
        throw validationError(`/${base}/node_ids`, `has ${nodes.length} rows but timestamps has ${ts.length}`);
      const units = (attr(f, `${base}/timestamps`, 'units') ?? 'ms').toLowerCase();
      if (units !== 'ms' && units !== 's')
        throw validationError(`/${base}/timestamps`, `units '${units}' not understood (expected ms or s)`);
      const scale = units === 's' ? 1000 : 1;
      let maxNode = -1;
      for (let i = 0; i < ts.length; i++) {
        if (!Number.isInteger(nodes[i]) || nodes[i] < 0)
          throw validationError(`/${base}/node_ids`, `row ${i}: '${nodes[i]}' is not a node id (whole number ≥ 0)`, {
            row: i,
          });
        if (!Number.isFinite(ts[i]) || ts[i] < 0)
          throw validationError(`/${base}/timestamps`, `row ${i}: ${ts[i]} is not a time ≥ 0`, { row: i });
        allIds.push(idOffset + nodes[i]);
        allMs.push(ts[i] * scale);
        allPops.push(name);
        where.push(`/${base}/timestamps row ${i}`);
        if (nodes[i] > maxNode) maxNode = nodes[i];
      }
      ranges.push(`${name}:${idOffset}-${idOffset + Math.max(0, maxNode)}`);
      idOffset += maxNode + 1;
    }
    // Node ids 0..max per population are taken as recorded neurons (silent ones included), unless overridden.
    const populations = opts.populations ?? (ranges.length ? ranges.join(',') : undefined);
    return assembleRecord(
      Float64Array.from(allIds),
      Float64Array.from(allMs),
      allPops,
      { ...opts, populations },
      (s) => where[s],
    );
  });
}
