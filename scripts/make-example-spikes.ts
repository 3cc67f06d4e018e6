// Writes the example spike files in resources/examples (CSV, NWB Units table, SONATA spikes) from one seeded Poisson network.
// Run: npx tsx scripts/make-example-spikes.ts
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../src-main/engine/metrics/rng';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'examples');
const N_E = 32;
const N_I = 8;
const DURATION_MS = 2000;
const RATE_E_HZ = 6;
const RATE_I_HZ = 15;

/** Seeded Poisson trains: [neuron id, time ms] pairs sorted by time; neuron ids 0..N_E-1 are E, then I. */
function spikes(): { id: number; tMs: number; pop: 'E' | 'I' }[] {
  const rand = mulberry32(2024);
  const out: { id: number; tMs: number; pop: 'E' | 'I' }[] = [];
  for (let id = 0; id < N_E + N_I; id++) {
    const rate = id < N_E ? RATE_E_HZ : RATE_I_HZ;
    for (let t = 0; ;) {
      t += (-Math.log(1 - rand()) * 1000) / rate;
      if (t >= DURATION_MS) break;
      // Rounded to 0.1 ms, the resolution of a typical simulation step.
      out.push({ id, tMs: Math.round(t * 10) / 10, pop: id < N_E ? 'E' : 'I' });
    }
  }
  return out.sort((a, b) => a.tMs - b.tMs || a.id - b.id);
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const all = spikes();
  const csv = ['neuron,time_ms,population', ...all.map((s) => `${s.id},${s.tMs.toFixed(1)},${s.pop}`)].join('\n');
  await writeFile(path.join(OUT, 'example-spikes.csv'), `${csv}\n`);

  const h5 = await import('h5wasm/node');
  await h5.ready;

  // NWB: the Units table is ragged: unit u's spike times (seconds) are spike_times[index[u-1] .. index[u]).
  const nwb = new h5.File(path.join(OUT, 'example-spikes.nwb'), 'w');
  nwb.create_attribute('nwb_version', '2.7.0');
  nwb.create_attribute('neurodata_type', 'NWBFile');
  nwb.create_attribute('namespace', 'core');
  nwb.create_dataset({ name: 'session_description', data: 'lodyn example: seeded Poisson E/I network' });
  nwb.create_dataset({ name: 'identifier', data: 'lodyn-example-spikes' });
  nwb.create_dataset({ name: 'session_start_time', data: '2024-01-01T00:00:00+00:00' });
  const units = nwb.create_group('units');
  units.create_attribute('neurodata_type', 'Units');
  units.create_attribute('namespace', 'core');
  units.create_attribute('description', 'sorted units');
  units.create_attribute('colnames', ['spike_times', 'population']);
  const byUnit = Array.from({ length: N_E + N_I }, (_, id) => all.filter((s) => s.id === id).map((s) => s.tMs / 1000));
  const times = byUnit.flat();
  let end = 0;
  const index = byUnit.map((u) => (end += u.length));
  units
    .create_dataset({ name: 'id', data: Int32Array.from(byUnit, (_, u) => u) })
    .create_attribute('neurodata_type', 'ElementIdentifiers');
  const st = units.create_dataset({ name: 'spike_times', data: Float64Array.from(times) });
  st.create_attribute('neurodata_type', 'VectorData');
  st.create_attribute('description', 'spike times in seconds');
  units
    .create_dataset({ name: 'spike_times_index', data: Int32Array.from(index) })
    .create_attribute('neurodata_type', 'VectorIndex');
  units
    .create_dataset({ name: 'population', data: byUnit.map((_, u) => (u < N_E ? 'E' : 'I')) })
    .create_attribute('neurodata_type', 'VectorData');
  nwb.close();

  // SONATA: one group per population under /spikes, node ids per population, timestamps in ms.
  const son = new h5.File(path.join(OUT, 'example-spikes-sonata.h5'), 'w');
  son.create_attribute('magic', 0x0a7a, null, '<I');
  son.create_attribute('version', Uint32Array.from([0, 1]));
  const grp = son.create_group('spikes');
  for (const pop of ['E', 'I'] as const) {
    const sp = all.filter((s) => s.pop === pop);
    const g = grp.create_group(pop);
    g.create_attribute('sorting', 'by_time');
    g.create_dataset({ name: 'timestamps', data: Float64Array.from(sp, (s) => s.tMs) }).create_attribute('units', 'ms');
    g.create_dataset({
      name: 'node_ids',
      data: BigUint64Array.from(sp, (s) => BigInt(pop === 'E' ? s.id : s.id - N_E)),
    });
  }
  son.close();
  console.log(`wrote ${all.length} spikes (${N_E} E, ${N_I} I, ${DURATION_MS} ms) to ${OUT}`);
}

await main();
