// Renders docs/METRICS.md from the shared metadata, so the docs, the CLI and the UI show the same text.
import { METRIC_DEFINITIONS, type DegenerateValue } from './definitions';
import { METRIC_GROUPS, METRIC_GROUP_LABELS } from './ids';
import { EXPRESSION_FUNCTIONS, QUANTITY_DOCS, USER_QUANTITIES, USER_STATISTICS } from './user-metric';

function degenerate(v: DegenerateValue): string {
  if (v === 'computed') return 'computed as usual';
  if ('value' in v) return `${v.value}`;
  return `NaN (${v.nan})`;
}

export function renderMetricsDoc(): string {
  const out: string[] = [];
  out.push(
    '# Metrics',
    '',
    '<!-- Generated from src-shared/metrics by `npx tsx scripts/make-metrics-doc.ts`; edit the metadata, not this file. -->',
    '',
    'Every metric is a pure function of the spike trains of one population inside an analysis window. Metrics are',
    'computed per population (`E`, `I`, … as recorded) and for `all` neurons. The default window skips a 200 ms',
    'warm-up: [200 ms, duration). A value that is not defined (too few spikes, ISIs or neurons) is NaN, stored as',
    '`null` in JSON, with its reason; no input makes a metric throw. Pair-sampled metrics use a seeded generator,',
    'so a run always gives the same values.',
    '',
    'Cost: linear in spikes plus bins for every metric (pairwise metrics: a bounded, seeded sample of pairs;',
    '`autocov`: spikes × spikes within ±maxLag per neuron, linear at bounded rates). `npx tsx test/bench/metrics.bench.ts`',
    'prints the timings.',
    '',
  );
  for (const group of METRIC_GROUPS) {
    out.push(`## ${METRIC_GROUP_LABELS[group]}`, '');
    for (const m of METRIC_DEFINITIONS.filter((d) => d.group === group)) {
      out.push(`### \`${m.id}\`: ${m.name}${m.unit ? ` (${m.unit})` : ''}`, '');
      out.push(m.definition, '');
      out.push(`- Reference: ${m.reference}`);
      if (m.params.length)
        out.push(
          `- Parameters: ${m.params
            .map(
              (p) =>
                `\`${p.name}\` = ${p.default}${p.unit && p.unit !== '' ? ` ${p.unit}` : ''} (${p.doc.replace(/\.$/, '')}; ${p.min}–${p.max})`,
            )
            .join('; ')}`,
        );
      out.push(
        `- Degenerate cases: no spikes → ${degenerate(m.degenerate.noSpikes)}; one spike → ${degenerate(
          m.degenerate.oneSpike,
        )}; one neuron → ${degenerate(m.degenerate.oneNeuron)}.`,
      );
      out.push(`- NaN when ${m.nanWhen}`);
      if (m.typical) out.push(`- Typical values: ${m.typical}.`);
      out.push('');
    }
  }
  out.push(
    '## User metrics',
    '',
    'A user metric is data saved in the catalogue (`metricDefinitions`) and evaluated by the same engine. Ids are',
    'snake_case and may not reuse a built-in id. Two kinds:',
    '',
    '**Statistic** of a per-neuron or per-bin quantity over a population and window:',
    '`{ "id": "p90_rate", "kind": "statistic", "quantity": "rate", "statistic": "quantile", "q": 0.9 }`.',
    'Optional: `binMs` (per-bin quantities, default 100), `population` (then reported under that population only),',
    '`windowMs` (its own window), `threshold` (for `fraction_above`), `unit`, `description`.',
    '',
    'Quantities:',
    '',
    ...USER_QUANTITIES.map(
      (q) => `- \`${q}\`${QUANTITY_DOCS[q].unit ? ` (${QUANTITY_DOCS[q].unit})` : ''}: ${QUANTITY_DOCS[q].doc}`,
    ),
    '',
    `Statistics: ${USER_STATISTICS.map((s) => `\`${s}\``).join(', ')} (std is the population form; quantiles interpolate linearly).`,
    '',
    '**Expression** over other metrics, parsed by a small safe parser (never `eval`):',
    '`{ "id": "ei_ratio", "kind": "expression", "expression": "rate_mean[E] / rate_mean[I]" }`.',
    'Numbers, metric ids (built-in or user), `id[POP]` for another population’s value, `+ - * / ^`, parentheses and',
    `the functions ${Object.entries(EXPRESSION_FUNCTIONS)
      .map(([name, f]) => `\`${name}\` (${f.doc})`)
      .join(', ')}.`,
    'NaN and infinities follow IEEE arithmetic; a NaN result names the NaN input. An invalid definition gets an error',
    "with the field and, for expressions, the column (e.g. `unknown metric 'rate_meen' (did you mean 'rate_mean'?) (at column 16)`);",
    'reference cycles are named.',
    '',
    '## Recorded spike trains (observations)',
    '',
    '- CSV: header `neuron,time_ms[,population]` (aliases: `neuron_id`, `unit`, `node_id`; `t_ms`), one spike per row, times in ms.',
    '- NWB: the Units table (`/units/spike_times` in seconds, `/units/spike_times_index`, `/units/id`, optional `/units/population`).',
    '- SONATA: `/spikes/<population>/timestamps` (ms, or s when its `units` attribute says so) and `node_ids`.',
    '',
    'HDF5 is read with h5wasm. The duration defaults to the last spike + 1 ms (`--duration-ms` sets it);',
    '`--populations E:0-799,I:800-999` assigns neuron-id ranges (silent neurons in the ranges count). Errors name the',
    'row and column (CSV) or the dataset and element (HDF5). An import is parsed and its metrics computed before',
    'anything is written; its spikes go to `<dataRoot>/observations/<id>.arrow` (Arrow IPC: `neuron`, `time_ms`) and',
    'the record to the catalogue, and a failed catalogue write removes the spikes file: no half-written observation.',
    '',
    '## Command line',
    '',
    '```',
    'lodyn metrics --spikes FILE [--duration-ms T] [--window-ms A:B] [--populations SPEC] [--metrics id,...] [--param id.p=v] [--user] --json',
    'lodyn metrics --observation ID --json',
    'lodyn metrics --list --json',
    'lodyn metrics --validate-user def.json | --save-user def.json | --list-user | --delete-user ID',
    'lodyn observations import FILE [--name N] [--duration-ms T] [--populations SPEC] | list | get ID [--spikes] | delete ID',
    '```',
    '',
    '`lodyn metrics --spikes … --json` prints `{ "<population>": { "<metric_id>": value, … }, … }` with `all` always',
    'present and NaN as `null`.',
    '',
  );
  return out.join('\n');
}
