// One process of the pool benchmark's machine ceiling (sim.bench.ts): warms up, says `ready`, waits for `go` on stdin,
// runs `runs` simulations of the spec in argv[2] (JSON) one after another in this process, and prints the seconds.
// Independent processes share no heap, no garbage collector and no thread pool: what they reach together is what the
// cores themselves allow, the ceiling a worker pool is measured against.
import { parseNetworkSpec } from '../../src-shared/model/network-spec';
import { runSimulation } from '../../src-main/engine/sim/run-simulation';

const spec = parseNetworkSpec(JSON.parse(process.argv[2]));
const runs = Number(process.argv[3]);
const seedOffset = Number(process.argv[4]);
// Two whole runs first, so the JIT has compiled the hot paths before the clock starts.
for (let i = 0; i < 2; i++) runSimulation(spec, i);
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) runSimulation(spec, seedOffset + i);
  process.stdout.write(`LODYN_SECONDS ${(performance.now() - t0) / 1000}\n`);
  process.exit(0);
});
