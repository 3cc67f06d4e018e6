// Imports a spike file (CSV, NWB, SONATA) from a path or bytes, picking the reader by format or extension.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { validationError } from '../../../../src-shared/contract/envelope';
import type { AssembleOptions, ImportedSpikes } from './assemble';
import { parseSpikeCsv } from './csv';
import { readNwbUnits } from './nwb';
import { readSonataSpikes } from './sonata';
import { withHdf5 } from './hdf5';

export type SpikeFileFormat = 'csv' | 'nwb' | 'sonata';
export const SPIKE_FILE_FORMATS: readonly SpikeFileFormat[] = ['csv', 'nwb', 'sonata'];

export type SpikeSource = { path: string } | { bytes: Uint8Array; name: string };

/** The format from the extension; `.h5`/`.hdf5` are sniffed (/spikes → SONATA, /units → NWB). */
export async function detectFormat(source: SpikeSource): Promise<SpikeFileFormat> {
  const name = 'path' in source ? source.path : source.name;
  const ext = path.extname(name).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.nwb') return 'nwb';
  if (ext === '.sonata') return 'sonata';
  if (ext === '.h5' || ext === '.hdf5')
    return withHdf5(source, (f) => {
      if (f.get('spikes')) return 'sonata';
      if (f.get('units')) return 'nwb';
      throw validationError('format', `${name}: HDF5 file with neither /spikes (SONATA) nor /units (NWB)`);
    });
  throw validationError(
    'format',
    `cannot tell the format of '${name}' from its extension; give format csv, nwb or sonata`,
  );
}

/** Reads spikes; every problem is a ValidationError naming the file part (row/column, dataset/element). */
export async function importSpikeFile(
  source: SpikeSource,
  format?: SpikeFileFormat,
  opts: AssembleOptions = {},
): Promise<ImportedSpikes & { format: SpikeFileFormat }> {
  const fmt = format ?? (await detectFormat(source));
  if (fmt === 'csv') {
    let text: string;
    try {
      text = 'path' in source ? await readFile(source.path, 'utf8') : new TextDecoder().decode(source.bytes);
    } catch (err) {
      throw validationError(
        'path',
        `cannot read ${'path' in source ? source.path : source.name}: ${(err as Error).message}`,
      );
    }
    return { ...parseSpikeCsv(text, opts), format: fmt };
  }
  if ('path' in source) {
    try {
      await readFile(source.path, { flag: 'r' }).then(() => undefined);
    } catch (err) {
      throw validationError('path', `cannot read ${source.path}: ${(err as Error).message}`);
    }
  }
  const read = fmt === 'nwb' ? readNwbUnits : readSonataSpikes;
  return { ...(await read(source, opts)), format: fmt };
}
