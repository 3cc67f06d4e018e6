// Tests of the Brian2 export: every family and connectivity option yields a script Python accepts, with the model's numbers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelFamilies, parseNetworkSpec } from '../../../../../src-shared/model/network-spec';
import { exportBrian2 } from '../../../../../src-main/engine/sim/brian2-export';

const PYTHON = '/usr/bin/python3';

describe('exportBrian2', () => {
  const variants = modelFamilies.flatMap((model) => [
    parseNetworkSpec({ model }),
    parseNetworkSpec({
      model,
      connectivity: {
        weightScaling: 'sqrt-k',
        EE: { rule: 'fixed-indegree', k: 40, autapses: false, weightCv: 0.5, delayMinSteps: 2, delayMaxSteps: 9 },
        II: { autapses: false, delayMinSteps: 3, delayMaxSteps: 3 },
      },
      input: { I: { poissonRateHz: 5, poissonSources: 10, current: 1 } },
      ...(model === 'adex' ? { synapse: { kind: 'current' } } : {}),
    }),
  ]);

  it('writes the parameters, rules and integrators of the spec', () => {
    const script = exportBrian2(variants[3], 12); // coba-lif with options
    expect(script).toContain("method='exponential_euler'");
    expect(script).toContain('SEED = 12');
    expect(script).toContain('S_EE.connect(i=_i, j=_j)');
    expect(script).toContain("S_II.connect(condition='i != j', p=0.02)");
    expect(script).toContain('S_II.delay = 3*defaultclock.dt');
    expect(script).toContain("S_EE.delay = '(2 + floor(rand()*8))*dt'");
    expect(script).toContain("PoissonInput(PI, 'ge', N=10, rate=5.0*Hz");
    expect(script).toContain(`J_eff = ${0.6 / Math.sqrt(40)}`);
    expect(exportBrian2(variants[0], 1)).toContain("on_pre='ge_post += 1.62*mV'");
  });

  it('leaves out the subgroup, input and pathways of an empty population (Brian2 refuses empty subgroups)', () => {
    const onlyE = exportBrian2(parseNetworkSpec({ model: 'coba-lif', network: { fractionE: 1 } }), 1);
    expect(onlyE).toContain('# PI: no inhibitory neurons');
    expect(onlyE).not.toMatch(/^PI\b|PI\.I_drive|Synapses\(PI|Synapses\(PE, PI/m);
    expect(onlyE).toContain('# EI: skipped (an empty population)');
    expect(onlyE).toContain('S_EE = Synapses(PE, PE');
    const onlyI = exportBrian2(parseNetworkSpec({ model: 'cuba-lif', network: { fractionE: 0 } }), 1);
    expect(onlyI).toContain('# PE: no excitatory neurons');
    expect(onlyI).toContain('S_II = Synapses(PI, PI');
  });

  it.skipIf(!existsSync(PYTHON))('produces scripts Python can compile, for every family and option', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lodyn-export-'));
    try {
      variants.forEach((spec, i) => {
        const file = path.join(dir, `net${i}.py`);
        writeFileSync(file, exportBrian2(spec, i));
        const r = spawnSync(PYTHON, ['-m', 'py_compile', file], { encoding: 'utf8' });
        expect(r.status, `${spec.model}: ${r.stderr}`).toBe(0);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
