// `lodyn metrics` (compute, list, user metrics) and `lodyn observations` (import, list, get, delete).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { MetricsComputeResponse } from '../../../src-shared/contract/calls/metrics';
import { validationError } from '../../../src-shared/contract/envelope';
import type { ObservationRecord } from '../../../src-shared/catalogue/records';
import { withContext } from '../context';
import type { CliIo } from '../io';

const FORMATS = ['csv', 'nwb', 'sonata'] as const;
type Format = (typeof FORMATS)[number];

function parseFormat(value: string | undefined): Format | undefined {
  if (value === undefined) return undefined;
  if (!(FORMATS as readonly string[]).includes(value))
    throw validationError('format', `--format must be one of ${FORMATS.join(', ')}, got ${value}`);
  return value as Format;
}

function parseDuration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = Number(value);
  if (!(t > 0 && Number.isFinite(t)))
    throw validationError('durationMs', `--duration-ms must be a number > 0, got ${value}`);
  return t;
}

/** `A:B` in ms → [A, B]. */
export function parseWindow(value: string | undefined): [number, number] | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*([0-9.eE+]+)\s*:\s*([0-9.eE+]+)\s*$/.exec(value);
  const a = m ? Number(m[1]) : NaN;
  const b = m ? Number(m[2]) : NaN;
  if (!m || !Number.isFinite(a) || !Number.isFinite(b) || a < 0 || b <= a)
    throw validationError('windowMs', `--window-ms must be START:END in ms with 0 ≤ START < END, got ${value}`);
  return [a, b];
}

/** `id.param=value` pairs → `{ id: { param: value } }`. */
export function parseParams(values: string[] | undefined): Record<string, Record<string, number>> | undefined {
  if (!values?.length) return undefined;
  const out: Record<string, Record<string, number>> = {};
  for (const v of values) {
    const m = /^([a-z0-9_]+)\.([A-Za-z0-9]+)=(.+)$/.exec(v);
    if (!m || !Number.isFinite(Number(m[3])))
      throw validationError('params', `--param must be METRIC.PARAM=NUMBER (e.g. corr_pairwise.binMs=5), got ${v}`);
    (out[m[1]] ??= {})[m[2]] = Number(m[3]);
  }
  return out;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw validationError('definition', `cannot read JSON from ${file}: ${(err as Error).message}`);
  }
}

function valuesTable(r: MetricsComputeResponse): string {
  const ids = [...new Set(r.populations.flatMap((p) => Object.keys(r.values[p] ?? {})))];
  const fmt = (v: number | null | undefined) =>
    v === null ? 'NaN' : v === undefined ? '' : Number(v.toPrecision(5)).toString();
  const rows = ids.map((id) => [id, r.units[id] ?? '', ...r.populations.map((p) => fmt(r.values[p]?.[id]))]);
  const head = ['metric', 'unit', ...r.populations];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [`window ${r.windowMs[0]}–${r.windowMs[1]} ms`, line(head), ...rows.map(line)].join('\n');
}

interface MetricsOpts {
  spikes?: string;
  observation?: string;
  format?: string;
  durationMs?: string;
  windowMs?: string;
  populations?: string;
  metrics?: string;
  param?: string[];
  user?: boolean;
  list?: boolean;
  listUser?: boolean;
  saveUser?: string;
  validateUser?: string;
  deleteUser?: string;
  json?: boolean;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('metrics')
    .description('compute metrics of a spike file or observation; list built-in metrics; manage user metrics')
    .option('--spikes <file>', 'spike file: .csv (neuron,time_ms[,population]), .nwb (Units), .h5 (SONATA)')
    .option('--observation <id>', 'compute for an imported observation instead of a file')
    .option('--format <fmt>', `file format when the extension does not tell (${FORMATS.join(', ')})`)
    .option('--duration-ms <t>', 'recording length in ms (default: last spike + 1 ms)')
    .option('--window-ms <a:b>', 'analysis window in ms (default: 200:duration, skipping the warm-up)')
    .option('--populations <spec>', 'neuron-id ranges, e.g. E:0-799,I:800-999 (overrides the file)')
    .option('--metrics <ids>', 'comma-separated metric ids (default: every built-in metric)')
    .option('--param <metric.param=value...>', 'parameter override, repeatable (e.g. corr_pairwise.binMs=5)')
    .option('--user', 'also evaluate the user metrics saved in the catalogue')
    .option('--list', 'list built-in metrics: ids, units, definitions')
    .option('--list-user', 'list saved user metrics')
    .option('--save-user <file.json>', 'save a user metric definition (JSON) to the catalogue')
    .option('--validate-user <file.json>', 'check a user metric definition without saving it')
    .option('--delete-user <id>', 'delete a saved user metric')
    .option('--json', 'print one JSON document')
    .action(async (opts: MetricsOpts) => {
      const json = Boolean(opts.json);
      await withContext(program, async (call) => {
        if (opts.list) {
          const { metrics } = await call('metrics:list', {});
          const list = metrics.map((m) => ({
            id: m.id,
            unit: m.unit,
            group: m.group,
            name: m.name,
            definition: m.definition,
            reference: m.reference,
            params: m.params.map((p) => ({ name: p.name, default: p.default, unit: p.unit })),
          }));
          io.result(list, json, (l: typeof list) =>
            l.map((m) => `${m.id.padEnd(20)} ${(m.unit || '-').padEnd(5)} ${m.name}`).join('\n'),
          );
          return;
        }
        if (opts.listUser) {
          const defs = await call('metrics:listUser', {});
          io.result(defs, json, (d: typeof defs) =>
            d.length
              ? d
                  .map((m) => `${m.id}: ${m.kind === 'expression' ? m.expression : `${m.statistic} of ${m.quantity}`}`)
                  .join('\n')
              : 'no user metrics',
          );
          return;
        }
        if (opts.validateUser) {
          const r = await call('metrics:validateUser', { definition: readJson(opts.validateUser) });
          io.result(r, json, (v: typeof r) => (v.ok ? `ok: ${v.definition.id}` : `invalid: ${v.error.message}`));
          if (!r.ok) process.exitCode = 2;
          return;
        }
        if (opts.saveUser) {
          const saved = await call('metrics:saveUser', { definition: readJson(opts.saveUser) });
          io.result(saved, json, (s: typeof saved) => `saved user metric ${s.id}`);
          return;
        }
        if (opts.deleteUser) {
          const r = await call('metrics:deleteUser', { id: opts.deleteUser });
          io.result(r, json, (d: typeof r) => `deleted ${d.deleted}`);
          return;
        }
        if (!opts.spikes && !opts.observation)
          throw validationError('spikes', 'give --spikes FILE or --observation ID (or --list)');
        const source = opts.observation
          ? { kind: 'observation' as const, id: opts.observation }
          : {
              kind: 'file' as const,
              path: path.resolve(opts.spikes!),
              format: parseFormat(opts.format),
              durationMs: parseDuration(opts.durationMs),
              populations: opts.populations,
            };
        const r = await call('metrics:compute', {
          source,
          windowMs: parseWindow(opts.windowMs),
          metricIds: opts.metrics
            ?.split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          params: parseParams(opts.param),
          includeUser: Boolean(opts.user),
        });
        io.result(r.values, json, () => valuesTable(r));
      });
    });

  const obs = program.command('observations').description('imported spike recordings (targets for inference)');
  const summary = (o: ObservationRecord) =>
    `${o.id}  ${o.name}  (${o.format}, ${o.nNeurons} neurons, ${o.nSpikes} spikes, ${o.durationMs} ms)`;
  obs
    .command('import <file>')
    .description('import a spike file (CSV, NWB, SONATA) as an observation with its metrics')
    .option('--name <name>', 'display name (default: the file name)')
    .option('--format <fmt>', `file format when the extension does not tell (${FORMATS.join(', ')})`)
    .option('--duration-ms <t>', 'recording length in ms (default: last spike + 1 ms)')
    .option('--window-ms <a:b>', 'analysis window in ms')
    .option('--populations <spec>', 'neuron-id ranges, e.g. E:0-799,I:800-999')
    .option('--json', 'print one JSON document')
    .action(
      async (
        file: string,
        o: {
          name?: string;
          format?: string;
          durationMs?: string;
          windowMs?: string;
          populations?: string;
          json?: boolean;
        },
      ) => {
        const rec = await withContext(program, (call) =>
          call('observations:import', {
            path: path.resolve(file),
            name: o.name,
            format: parseFormat(o.format),
            durationMs: parseDuration(o.durationMs),
            windowMs: parseWindow(o.windowMs),
            populations: o.populations,
          }),
        );
        for (const w of rec.warnings) io.progress(`note: ${w}`);
        io.result(rec, Boolean(o.json), (r: ObservationRecord) => `imported ${summary(r)}`);
      },
    );
  obs
    .command('list')
    .option('--json', 'print one JSON document')
    .action(async (o: { json?: boolean }) => {
      const list = await withContext(program, (call) => call('observations:list', {}));
      io.result(list, Boolean(o.json), (l: ObservationRecord[]) =>
        l.length ? l.map(summary).join('\n') : 'no observations',
      );
    });
  obs
    .command('get <id>')
    .option('--spikes', 'include the spikes')
    .option('--json', 'print one JSON document')
    .action(async (id: string, o: { spikes?: boolean; json?: boolean }) => {
      const r = await withContext(program, (call) =>
        call('observations:get', { id, includeSpikes: Boolean(o.spikes) }),
      );
      io.result(r, Boolean(o.json), (g: typeof r) => summary(g.observation));
    });
  obs
    .command('delete <id>')
    .option('--json', 'print one JSON document')
    .action(async (id: string, o: { json?: boolean }) => {
      const r = await withContext(program, (call) => call('observations:delete', { id }));
      io.result(r, Boolean(o.json), () => `deleted ${id}`);
    });
}
