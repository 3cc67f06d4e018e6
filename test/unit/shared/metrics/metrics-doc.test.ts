// docs/METRICS.md is the rendering of the shared metadata (regenerate with scripts/make-metrics-doc.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMetricsDoc } from '../../../../src-shared/metrics/metrics-doc';
import { METRIC_DEFINITIONS } from '../../../../src-shared/metrics/definitions';

describe('docs/METRICS.md', () => {
  const doc = readFileSync(path.resolve(__dirname, '../../../../docs/METRICS.md'), 'utf8');
  it('is up to date with the metadata', () => expect(doc).toBe(renderMetricsDoc()));
  it('documents every built-in metric with its definition', () => {
    for (const m of METRIC_DEFINITIONS) {
      expect(doc).toContain(`\`${m.id}\``);
      expect(doc).toContain(m.definition);
    }
  });
});
