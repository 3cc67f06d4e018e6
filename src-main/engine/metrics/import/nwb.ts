// Reads spike trains from an NWB file's Units table (spike_times, spike_times_index, id, optional population column).
import { validationError } from '../../../../src-shared/contract/envelope';
import { assembleRecord, type AssembleOptions, type ImportedSpikes } from './assemble';
import { dataset, isDataset, numbers, withHdf5 } from './hdf5';

/** NWB stores spike times in seconds; the Units table is ragged: unit u owns spike_times[index[u-1] .. index[u]). */
export async function readNwbUnits(
  source: { path: string } | { bytes: Uint8Array; name: string },
  opts: AssembleOptions = {},
): Promise<ImportedSpikes> {
  return withHdf5(source, (f) => {
    if (!f.get('units')) throw validationError('/units', 'no Units table (/units) in this NWB file');
    const times = numbers(dataset(f, 'units/spike_times'));
    const index = numbers(dataset(f, 'units/spike_times_index'));
    const unitIds = f.get('units/id') ? numbers(dataset(f, 'units/id')) : Float64Array.from(index, (_, u) => u);
    if (unitIds.length !== index.length)
      throw validationError('/units/id', `has ${unitIds.length} rows but spike_times_index has ${index.length}`);
    let popCol: string[] | undefined;
    if (isDataset(f, 'units/population')) {
      const v = dataset(f, 'units/population').json_value;
      if (!Array.isArray(v) || v.length !== index.length)
        throw validationError('/units/population', `must hold one string per unit (${index.length})`);
      popCol = v.map(String);
    }
    const ids = new Float64Array(times.length);
    const ms = new Float64Array(times.length);
    const pops: string[] | undefined = popCol ? new Array<string>(times.length) : undefined;
    let prev = 0;
    for (let u = 0; u < index.length; u++) {
      const end = index[u];
      if (!Number.isInteger(end) || end < prev || end > times.length)
        throw validationError(
          '/units/spike_times_index',
          `row ${u}: end offset ${end} must be a whole number in [${prev}, ${times.length}]`,
          { row: u, value: end },
        );
      for (let s = prev; s < end; s++) {
        if (!Number.isFinite(times[s]) || times[s] < 0)
          throw validationError(
            '/units/spike_times',
            `element ${s} (unit ${unitIds[u]}): ${times[s]} s is not a time ≥ 0`,
            {
              row: s,
              value: times[s],
            },
          );
        ids[s] = unitIds[u];
        ms[s] = times[s] * 1000;
        if (pops) pops[s] = popCol![u];
      }
      prev = end;
    }
    if (prev !== times.length)
      throw validationError(
        '/units/spike_times_index',
        `the last offset ${prev} does not cover all ${times.length} spike times`,
      );
    return assembleRecord(ids, ms, pops, opts, (s) => `/units/spike_times element ${s}`);
  });
}
