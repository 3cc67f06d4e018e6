#!/usr/bin/env python3
# Brian2's side of the sweep benchmark (test/bench/sim.bench.ts): COBA (Brette et al. 2007 benchmark 1) with N = 1000,
# fixed in-degree 64 (E) + 16 (I), 1 s, each run with new E/I weight factors and a new seed, the network rebuilt per
# run, cython runtime: the fastest way to run many small networks in Brian2 (standalone recompiles per network).
# The bench starts two of these processes at once (one per core). One warm-up run first, so cython's compile cache
# is filled and not counted. Prints: LODYN_RESULT {"runs": R, "seconds": S, "meanRateHz": ...}
import argparse, json, time
import numpy as np
from brian2 import *

parser = argparse.ArgumentParser()
parser.add_argument('--runs', type=int, default=32)
parser.add_argument('--offset', type=int, default=0)
args = parser.parse_args()
prefs.codegen.target = 'cython'
prefs.logging.console_log_level = 'WARNING'

N, NE = 1000, 800
KE, KI = 64, 16
El, Vt, Vr = -60*mV, -50*mV, -60*mV
taum, taue, taui = 20*ms, 5*ms, 10*ms
Ee, Ei = 0*mV, -80*mV
eqs = '''
dv/dt = (ge*(Ee - v) + gi*(Ei - v) - (v - El))/taum : volt (unless refractory)
dge/dt = -ge/taue : 1
dgi/dt = -gi/taui : 1
'''

def indegree_sources(rng, n_src, src_offset, k):
    # k distinct sources per target, every target of the network (sources may include the target: autapses allowed).
    src = np.concatenate([rng.choice(n_src, k, replace=False) for _ in range(N)]) + src_offset
    tgt = np.repeat(np.arange(N), k)
    return src, tgt

def one_run(i):
    start_scope()
    s = 1000 + i
    seed(s)
    rng = np.random.RandomState(s)
    f = 0.8 + 0.4 * ((i * 7919) % 64) / 64
    g = 0.8 + 0.4 * ((i * 104729) % 64) / 64
    defaultclock.dt = 0.1*ms
    P = NeuronGroup(N, eqs, threshold='v > Vt', reset='v = Vr', refractory=5*ms, method='exponential_euler')
    P.v = '-65*mV + 5*mV*randn()'
    P.ge = '4 + 1.5*randn()'
    P.gi = '20 + 12*randn()'
    # Weights as shared synaptic variables: an external constant would be frozen into the generated code, and cython
    # would compile a new extension for every weight value.
    SE = Synapses(P, P, 'w : 1 (shared, constant)', on_pre='ge_post += w')
    i_e, j_e = indegree_sources(rng, NE, 0, KE)
    SE.connect(i=i_e, j=j_e)
    SE.w = 0.6 * f
    SI = Synapses(P, P, 'w : 1 (shared, constant)', on_pre='gi_post += w')
    i_i, j_i = indegree_sources(rng, N - NE, NE, KI)
    SI.connect(i=i_i, j=j_i)
    SI.w = 6.7 * g
    M = SpikeMonitor(P)
    run(1*second)
    return M.num_spikes / N

one_run(args.offset + 10_000)
t0 = time.perf_counter()
rates = [one_run(args.offset + r) for r in range(args.runs)]
seconds = time.perf_counter() - t0
print('LODYN_RESULT ' + json.dumps({'runs': args.runs, 'seconds': seconds, 'meanRateHz': float(np.mean(rates))}))
