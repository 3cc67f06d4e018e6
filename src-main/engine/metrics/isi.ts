// Per-neuron ISI statistics shared by the irregularity metrics, computed once per record window for all populations.
import type { PopulationTrains } from './trains';

/** One value per neuron, and whether the neuron qualifies (unqualified values are 0 and never read). */
export interface PerNeuronValues {
  /** Shape [nNeurons]. */
  value: Float64Array;
  /** 1 where the neuron qualifies. Shape [nNeurons]. */
  used: Uint8Array;
}

/** Neurons [start, start + count) of per-neuron values, as views. */
export function slicePerNeuron(full: PerNeuronValues, start: number, count: number): PerNeuronValues {
  return { value: full.value.subarray(start, start + count), used: full.used.subarray(start, start + count) };
}

/** Mean of the qualifying values in neuron order; NaN when none qualifies. */
export function meanOfUsed(v: PerNeuronValues): number {
  let sum = 0;
  let m = 0;
  for (let k = 0; k < v.value.length; k++)
    if (v.used[k]) {
      sum += v.value[k];
      m++;
    }
  return m > 0 ? sum / m : NaN;
}

/** CV (population std / mean) of the ISIs of each neuron with at least `minIsis` ISIs. Shape [nQualifying]. */
export function perNeuronIsiCv(trains: PopulationTrains, minIsis: number): Float64Array {
  return trains.memo(`cv:${minIsis}`, () => {
    const v = trains.perNeuron(`cv:${minIsis}`, (root) => isiCvs(root, minIsis), slicePerNeuron);
    let m = 0;
    for (let k = 0; k < trains.nNeurons; k++) m += v.used[k];
    const out = new Float64Array(m);
    for (let k = 0, w = 0; k < trains.nNeurons; k++) if (v.used[k]) out[w++] = v.value[k];
    return out;
  });
}

function isiCvs(trains: PopulationTrains, minIsis: number): PerNeuronValues {
  const { offsets, timesMs } = trains;
  const value = new Float64Array(trains.nNeurons);
  const used = new Uint8Array(trains.nNeurons);
  for (let k = 0; k < trains.nNeurons; k++) {
    const a = offsets[k];
    const nIsi = offsets[k + 1] - a - 1;
    if (nIsi < minIsis) continue;
    const mean = (timesMs[a + nIsi] - timesMs[a]) / nIsi;
    let ss = 0;
    for (let i = a + 1; i <= a + nIsi; i++) {
      const d = timesMs[i] - timesMs[i - 1] - mean;
      ss += d * d;
    }
    // Coincident spikes only (mean 0) give no meaningful CV; such a neuron is skipped.
    if (mean > 0) {
      value[k] = Math.sqrt(ss / nIsi) / mean;
      used[k] = 1;
    }
  }
  return { value, used };
}

/** Per-neuron means of the local irregularity terms over consecutive ISI pairs (I_i, I_{i+1}). */
export interface ConsecutiveIsiMeans {
  /** Holt et al. 1996: 2|I_{i+1} − I_i| / (I_i + I_{i+1}). */
  cv2: PerNeuronValues;
  /** Shinomoto et al. 2003: 3 (I_i − I_{i+1})² / (I_i + I_{i+1})². */
  lv: PerNeuronValues;
}

/**
 * cv2 and lv per neuron in one pass: mean over its consecutive pairs of the term; neurons with ≥ 2 ISIs qualify
 * when some pair is defined (pairs with I_i + I_{i+1} = 0, coincident spikes, are skipped as undefined).
 */
export function consecutiveIsiMeans(trains: PopulationTrains): ConsecutiveIsiMeans {
  return trains.perNeuron('cv2-lv', cv2AndLv, (full, start, count) => ({
    cv2: slicePerNeuron(full.cv2, start, count),
    lv: slicePerNeuron(full.lv, start, count),
  }));
}

function cv2AndLv(trains: PopulationTrains): ConsecutiveIsiMeans {
  const { offsets, timesMs } = trains;
  const n = trains.nNeurons;
  const cv2 = { value: new Float64Array(n), used: new Uint8Array(n) };
  const lv = { value: new Float64Array(n), used: new Uint8Array(n) };
  for (let k = 0; k < n; k++) {
    const a = offsets[k];
    const end = offsets[k + 1];
    if (end - a < 3) continue;
    let sCv2 = 0;
    let sLv = 0;
    let m = 0;
    let prev = timesMs[a + 1] - timesMs[a];
    for (let i = a + 2; i < end; i++) {
      const cur = timesMs[i] - timesMs[i - 1];
      if (prev + cur > 0) {
        sCv2 += (2 * Math.abs(cur - prev)) / (prev + cur);
        sLv += (3 * (prev - cur) ** 2) / (prev + cur) ** 2;
        m++;
      }
      prev = cur;
    }
    if (m > 0) {
      cv2.value[k] = sCv2 / m;
      lv.value[k] = sLv / m;
      cv2.used[k] = lv.used[k] = 1;
    }
  }
  return { cv2, lv };
}

/** Shinomoto et al. 2009 LvR per neuron with refractoriness constant `refractoryMs`; same qualification as lv. */
export function lvrPerNeuron(trains: PopulationTrains, refractoryMs: number): PerNeuronValues {
  return trains.perNeuron(
    `lvr:${refractoryMs}`,
    (root) => {
      const { offsets, timesMs } = root;
      const n = root.nNeurons;
      const r = refractoryMs;
      const out = { value: new Float64Array(n), used: new Uint8Array(n) };
      for (let k = 0; k < n; k++) {
        const a = offsets[k];
        const end = offsets[k + 1];
        if (end - a < 3) continue;
        let s = 0;
        let m = 0;
        let prev = timesMs[a + 1] - timesMs[a];
        for (let i = a + 2; i < end; i++) {
          const cur = timesMs[i] - timesMs[i - 1];
          if (prev + cur > 0) {
            const sum = prev + cur;
            s += 3 * (1 - (4 * prev * cur) / (sum * sum)) * (1 + (4 * r) / sum);
            m++;
          }
          prev = cur;
        }
        if (m > 0) {
          out.value[k] = s / m;
          out.used[k] = 1;
        }
      }
      return out;
    },
    slicePerNeuron,
  );
}
