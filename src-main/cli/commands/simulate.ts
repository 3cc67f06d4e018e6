// `lodyn simulate --spec FILE [--seed N] [--duration-ms T] [--spikes-out FILE.csv] [--json]`: runs one network.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { validationError } from '../../../src-shared/contract/envelope';
import { parseNetworkSpec } from '../../../src-shared/model/network-spec';
import { APP_VERSION } from '../../engine/app-version';
import { runSimulation, type SimulationResult } from '../../engine/sim/run-simulation';
import type { CliIo } from '../io';

/** Reads a spec file (JSON); errors name the file. */
export function readSpecFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw validationError('spec', `cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw validationError('spec', `${file} is not valid JSON: ${(err as Error).message}`);
  }
}

export function parseSeed(value: string | undefined): number {
  if (value === undefined) return 1;
  const seed = Number(value);
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw validationError('seed', `must be an integer in [0, 2^53), got ${value}`);
  return seed;
}

/** The CSV of a run's spikes: columns neuron (original id), time_ms. */
export function spikesCsv(r: SimulationResult): string {
  const ids = r.spikes.sourceIds;
  const lines = ['neuron,time_ms'];
  for (let s = 0; s < r.spikes.neuron.length; s++) {
    const k = r.spikes.neuron[s];
    lines.push(`${ids ? ids[k] : k},${Number(r.spikes.timeMs[s].toFixed(6))}`);
  }
  return `${lines.join('\n')}\n`;
}

interface SimulateOptions {
  spec: string;
  seed?: string;
  durationMs?: string;
  spikesOut?: string;
  kernel: string;
  json?: boolean;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('simulate')
    .description('run one network (spec + seed) and print its summary; the time-step loop runs in this process')
    .requiredOption('--spec <file>', 'spec JSON (see `lodyn spec --model ...`)')
    .option('--seed <n>', 'seed of the connectivity, initial-state and input streams', '1')
    .option('--duration-ms <t>', 'simulated time in ms (overrides simulation.durationMs)')
    .option('--spikes-out <file.csv>', 'write every recorded spike as CSV (neuron,time_ms)')
    .option('--kernel <k>', 'auto | wasm-simd | js: what runs the loops (the results are bit-identical)', 'auto')
    .option('--json', 'print one JSON document')
    .action((opts: SimulateOptions) => {
      const spec = parseNetworkSpec(readSpecFile(opts.spec));
      const seed = parseSeed(opts.seed);
      let durationMs: number | undefined;
      if (opts.durationMs !== undefined) {
        durationMs = Number(opts.durationMs);
        if (!(durationMs > 0 && durationMs <= 10_000_000)) {
          throw validationError('durationMs', `--duration-ms must be in (0, 1e7], got ${opts.durationMs}`);
        }
      }
      const kernelChoices = ['auto', 'wasm-simd', 'js'] as const;
      const kernel = kernelChoices.find((k) => k === opts.kernel);
      if (!kernel)
        throw validationError('kernel', `--kernel must be one of ${kernelChoices.join(', ')}, got ${opts.kernel}`);
      const r = runSimulation(spec, seed, {
        durationMs,
        kernel,
        progressEverySteps: 10_000,
        onProgress: opts.json ? undefined : (f) => io.progress(`  ${(f * 100).toFixed(0)}%`),
      });
      if (opts.spikesOut) writeFileSync(opts.spikesOut, spikesCsv(r));
      const summary = {
        status: r.status,
        ...(r.statusMessage ? { statusMessage: r.statusMessage } : {}),
        model: spec.model,
        seed,
        appVersion: APP_VERSION,
        kernel: r.kernel,
        setupMs: r.setupMs,
        runMs: r.runMs,
        steps: r.steps,
        stepsPlanned: r.stepsPlanned,
        dtMs: r.dtMs,
        simulatedMs: r.simulatedMs,
        /** Wall seconds per simulated second of the time-step loop. */
        wallPerSimulatedS: r.simulatedMs > 0 ? r.runMs / r.simulatedMs : null,
        spikeCount: r.spikeCount,
        recordedSpikes: r.spikes.neuron.length,
        nSynapses: r.nSynapses,
        populations: r.populations,
        ...(opts.spikesOut ? { spikesOut: opts.spikesOut } : {}),
      };
      io.result(summary, Boolean(opts.json), (s: typeof summary) =>
        [
          `${s.model} seed ${s.seed}: ${s.status}${s.statusMessage ? ` (${s.statusMessage})` : ''}`,
          `  ${s.steps} steps of ${s.dtMs} ms; setup ${s.setupMs.toFixed(0)} ms, loop ${s.runMs.toFixed(0)} ms (${s.kernel})`,
          `  E: ${s.populations.E.rateHz.toFixed(2)} Hz (${s.populations.E.spikeCount} spikes), I: ${s.populations.I.rateHz.toFixed(2)} Hz (${s.populations.I.spikeCount} spikes)`,
        ].join('\n'),
      );
    });
}
