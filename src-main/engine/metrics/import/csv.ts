// Reads spike trains from CSV: header `neuron,time_ms[,population]`, one spike per row; errors name row and column.
import { validationError } from '../../../../src-shared/contract/envelope';
import { assembleRecord, type AssembleOptions, type ImportedSpikes } from './assemble';

const NEURON_NAMES = ['neuron', 'neuron_id', 'unit', 'node_id'];
const TIME_NAMES = ['time_ms', 't_ms'];

/** Parses CSV text; row numbers in errors count the header as row 1, as spreadsheets do. */
export function parseSpikeCsv(text: string, opts: AssembleOptions = {}): ImportedSpikes {
  const lines = text.split(/\r?\n/);
  const headerRow = lines.findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  if (headerRow < 0) throw validationError('row 1', 'the file is empty: expected a header neuron,time_ms[,population]');
  const sep = lines[headerRow].includes(';') && !lines[headerRow].includes(',') ? ';' : ',';
  const header = lines[headerRow].split(sep).map((h) => h.trim().toLowerCase().replace(/^"|"$/g, ''));
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  const iNeuron = col(NEURON_NAMES);
  const iTime = col(TIME_NAMES);
  const iPop = col(['population', 'pop']);
  if (iNeuron < 0)
    throw validationError(
      `row ${headerRow + 1}`,
      `no neuron column in the header (expected one of ${NEURON_NAMES.join(', ')})`,
    );
  if (iTime < 0)
    throw validationError(
      `row ${headerRow + 1}`,
      `no time column in the header (expected one of ${TIME_NAMES.join(', ')}; times must be in ms)`,
    );
  const ids: number[] = [];
  const times: number[] = [];
  const pops: string[] | undefined = iPop >= 0 ? [] : undefined;
  const rows: number[] = [];
  for (let r = headerRow + 1; r < lines.length; r++) {
    const line = lines[r];
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const cells = line.split(sep).map((c) => c.trim().replace(/^"|"$/g, ''));
    const row = r + 1;
    if (cells.length < header.length)
      throw validationError(`row ${row}`, `row ${row} has ${cells.length} columns, the header has ${header.length}`);
    const idText = cells[iNeuron];
    const id = Number(idText);
    if (idText === '' || !Number.isInteger(id) || id < 0 || id > 0xffffffff)
      throw validationError(
        `row ${row}, column ${header[iNeuron]}`,
        `'${idText}' is not a neuron id (a whole number ≥ 0)`,
        {
          row,
          column: header[iNeuron],
          value: idText,
        },
      );
    const tText = cells[iTime];
    const t = Number(tText);
    if (tText === '' || !Number.isFinite(t) || t < 0)
      throw validationError(
        `row ${row}, column ${header[iTime]}`,
        `'${tText}' is not a spike time (a number of ms ≥ 0)`,
        {
          row,
          column: header[iTime],
          value: tText,
        },
      );
    if (pops) {
      const p = cells[iPop];
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(p) || p === 'all')
        throw validationError(
          `row ${row}, column ${header[iPop]}`,
          `'${p}' is not a population name (letters, digits, _; not 'all')`,
          { row, column: header[iPop], value: p },
        );
      pops.push(p);
    }
    ids.push(id);
    times.push(t);
    rows.push(row);
  }
  return assembleRecord(
    Float64Array.from(ids),
    Float64Array.from(times),
    pops,
    opts,
    (s) => `row ${rows[s]}, column ${header[iTime]}`,
  );
}
