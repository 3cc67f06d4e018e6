// Writes docs/METRICS.md from the shared metric metadata. Run: npx tsx scripts/make-metrics-doc.ts
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderMetricsDoc } from '../src-shared/metrics/metrics-doc';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'METRICS.md');
await writeFile(file, renderMetricsDoc());
console.log(`wrote ${file}`);
