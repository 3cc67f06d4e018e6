// Tests of the network builder's reusable scratch memory, and that reusing it never changes a network.
import { describe, expect, it } from 'vitest';
import { parseNetworkSpec } from '../../../../../src-shared/model/network-spec';
import { BuildScratch } from '../../../../../src-main/engine/sim/build-scratch';
import { buildNetwork } from '../../../../../src-main/engine/sim/network-builder';

describe('BuildScratch', () => {
  it('hands out disjoint views that keep their contents when the buffer is replaced by a larger one', () => {
    const scratch = new BuildScratch();
    const views = [scratch.u32(1000), scratch.f64(100_000), scratch.i32(3), scratch.u16(1 << 20), scratch.u32(7)];
    views.forEach((v, k) => v.fill(k + 1));
    views.forEach((v, k) => expect(v.every((x) => x === k + 1)).toBe(true));
    // After a reset, new views may overlap old ones (which are no longer in use).
    scratch.reset();
    expect(scratch.u32(5)).toHaveLength(5);
  });
});

describe('buildNetwork with reused scratch', () => {
  it('builds the same network first, after a smaller one and after a larger one (scratch growing mid-build)', () => {
    const big = parseNetworkSpec({
      model: 'coba-lif',
      connectivity: { EE: { weightCv: 0.4, delayMinSteps: 1, delayMaxSteps: 9 } },
    });
    const small = parseNetworkSpec({ model: 'cuba-lif', network: { nNeurons: 300 } });
    const bigger = parseNetworkSpec({ model: 'coba-lif', network: { nNeurons: 6000 } });
    const snapshot = (spec: typeof big) => {
      const net = buildNetwork(spec, 11);
      return [net.rowPtr, net.target, net.weight, net.delay].map((a) =>
        a ? Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64') : '',
      );
    };
    const first = snapshot(big);
    snapshot(small);
    expect(snapshot(big)).toEqual(first);
    snapshot(bigger);
    expect(snapshot(big)).toEqual(first);
  });
});
