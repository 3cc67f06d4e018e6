// sklearn's MLPClassifier (ReLU, 2 hidden layers, logistic output, Adam) in plain Float64Arrays for C2ST folds.
// Self-contained on purpose (no imports): the fold trainer also runs inside worker threads from its source text.

/** One cross-validation fold: inputs and which rows train and which test. */
export interface MlpFoldInput {
  /** Features `[n, d]`, row-major, already z-scored. */
  x: Float64Array;
  /** Labels `[n]`, 0 or 1. */
  y: Uint8Array;
  d: number;
  train: Int32Array;
  test: Int32Array;
  /** Seed of the weight init and the per-epoch shuffles (sklearn's random_state: the same for every fold). */
  seed: number;
  /** sklearn's max_iter (sbibm: 10000). */
  maxEpochs: number;
}

export interface MlpFoldResult {
  accuracy: number;
  epochs: number;
  finalLoss: number;
}

/**
 * Trains sklearn's `MLPClassifier(activation='relu', hidden_layer_sizes=(10d, 10d), solver='adam')` with its defaults
 * (lr 1e-3, β 0.9/0.999, ε 1e-8, α 1e-4 L2 over weights, batch min(200, n), shuffle each epoch, stop once the
 * epoch loss has not improved by tol 1e-4 for more than 10 epochs) and returns the test-fold accuracy.
 * Float64 like sklearn. The loops skip zero ReLU activations, which halves the work of the hidden layers.
 */
export function mlpFoldAccuracy(input: MlpFoldInput): MlpFoldResult {
  const LR = 1e-3;
  const BETA1 = 0.9;
  const BETA2 = 0.999;
  const EPS = 1e-8;
  const ALPHA = 1e-4;
  const TOL = 1e-4;
  const NO_CHANGE = 10;
  // numpy's float64 eps: sklearn clips probabilities to [eps, 1 - eps] in the log loss.
  const PROB_EPS = 2.220446049250313e-16;
  const { x: X, y: Y, d, train, test, maxEpochs } = input;
  const H = 10 * d;
  const nTrain = train.length;
  const B = Math.min(200, nTrain);

  // splitmix32 + sfc32, inlined (see rng.ts) so this function stays self-contained.
  let s = input.seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let ra = split();
  let rb = split();
  let rc = split();
  let rd = split();
  const next = (): number => {
    const t = (((ra + rb) >>> 0) + rd) >>> 0;
    rd = (rd + 1) >>> 0;
    ra = rb ^ (rb >>> 9);
    rb = (rc + (rc << 3)) >>> 0;
    rc = ((rc << 21) | (rc >>> 11)) >>> 0;
    rc = (rc + t) >>> 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  const uniform = (): number => (next() + (next() >>> 11) / 2 ** 21) / 2 ** 32;

  // Flat parameter vector, sklearn's order per layer: coefs [fanIn, fanOut] then intercepts [fanOut].
  const oW1 = 0;
  const oB1 = oW1 + d * H;
  const oW2 = oB1 + H;
  const oB2 = oW2 + H * H;
  const oW3 = oB2 + H;
  const oB3 = oW3 + H;
  const size = oB3 + 1;
  const P = new Float64Array(size);
  const G = new Float64Array(size);
  const M = new Float64Array(size);
  const V = new Float64Array(size);
  // Glorot uniform with sklearn's factor 6 for a ReLU network, for coefs and intercepts alike.
  const layers: [number, number, number, number][] = [
    [oW1, oB1, d, H],
    [oW2, oB2, H, H],
    [oW3, oB3, H, 1],
  ];
  for (const [ow, ob, fanIn, fanOut] of layers) {
    const bound = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < fanIn * fanOut; i++) P[ow + i] = (2 * uniform() - 1) * bound;
    for (let i = 0; i < fanOut; i++) P[ob + i] = (2 * uniform() - 1) * bound;
  }
  const W1 = P.subarray(oW1, oB1);
  const b1 = P.subarray(oB1, oW2);
  const W2 = P.subarray(oW2, oB2);
  const b2 = P.subarray(oB2, oW3);
  const W3 = P.subarray(oW3, oB3);
  const gW1 = G.subarray(oW1, oB1);
  const gB1 = G.subarray(oB1, oW2);
  const gW2 = G.subarray(oW2, oB2);
  const gB2 = G.subarray(oB2, oW3);
  const gW3 = G.subarray(oW3, oB3);

  const xb = new Float64Array(B * d);
  const A1 = new Float64Array(B * H);
  const A2 = new Float64Array(B * H);
  const D1 = new Float64Array(B * H);
  const D2 = new Float64Array(B * H);
  const Z = new Float64Array(B);
  const yb = new Uint8Array(B);

  /** Forward pass of `bs` rows in `xb`: fills A1, A2 and the logits Z. */
  const forward = (bs: number): void => {
    for (let r = 0; r < bs; r++) {
      const a1 = r * H;
      for (let j = 0; j < H; j++) A1[a1 + j] = b1[j];
      for (let k = 0; k < d; k++) {
        const v = xb[r * d + k];
        if (v === 0) continue;
        const w = k * H;
        for (let j = 0; j < H; j++) A1[a1 + j] += v * W1[w + j];
      }
      for (let j = 0; j < H; j++) if (A1[a1 + j] < 0) A1[a1 + j] = 0;
      for (let j = 0; j < H; j++) A2[a1 + j] = b2[j];
      for (let k = 0; k < H; k++) {
        const v = A1[a1 + k];
        if (v === 0) continue;
        const w = k * H;
        for (let j = 0; j < H; j++) A2[a1 + j] += v * W2[w + j];
      }
      let z = P[oB3];
      for (let j = 0; j < H; j++) {
        if (A2[a1 + j] < 0) A2[a1 + j] = 0;
        else z += A2[a1 + j] * W3[j];
      }
      Z[r] = z;
    }
  };

  let best = Infinity;
  let noImprove = 0;
  let epochs = 0;
  let loss = NaN;
  let t = 0;
  const order = new Int32Array(nTrain);
  for (let i = 0; i < nTrain; i++) order[i] = train[i];
  for (let epoch = 0; epoch < maxEpochs; epoch++) {
    // Fisher-Yates shuffle of the training rows.
    for (let i = nTrain - 1; i > 0; i--) {
      const j = Math.min(i, Math.floor(uniform() * (i + 1)));
      const tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    let accumulated = 0;
    for (let start = 0; start < nTrain; start += B) {
      const bs = Math.min(B, nTrain - start);
      for (let r = 0; r < bs; r++) {
        const src = order[start + r];
        for (let k = 0; k < d; k++) xb[r * d + k] = X[src * d + k];
        yb[r] = Y[src];
      }
      forward(bs);
      G.fill(0);
      // Output layer: delta = p - y; sklearn's binary log loss with clipped probabilities.
      let batchLoss = 0;
      let gb3 = 0;
      for (let r = 0; r < bs; r++) {
        const p = 1 / (1 + Math.exp(-Z[r]));
        const pc = Math.min(1 - PROB_EPS, Math.max(PROB_EPS, p));
        batchLoss -= yb[r] === 1 ? Math.log(pc) : Math.log(1 - pc);
        const delta = p - yb[r];
        gb3 += delta;
        const a2 = r * H;
        for (let j = 0; j < H; j++) {
          const a = A2[a2 + j];
          if (a > 0) {
            gW3[j] += a * delta;
            D2[a2 + j] = delta * W3[j];
          } else D2[a2 + j] = 0;
        }
      }
      let l2 = 0;
      for (const [ow, ob] of layers) for (let i = ow; i < ob; i++) l2 += P[i] * P[i];
      batchLoss = batchLoss / bs + (0.5 * ALPHA * l2) / bs;
      accumulated += batchLoss * bs;
      // Hidden layer 2 -> 1: gW2 = A1ᵀ·D2, D1 = (D2·W2ᵀ) ⊙ [A1 > 0].
      for (let r = 0; r < bs; r++) {
        const o = r * H;
        for (let j = 0; j < H; j++) gB2[j] += D2[o + j];
        for (let k = 0; k < H; k++) {
          const a = A1[o + k];
          if (a === 0) {
            D1[o + k] = 0;
            continue;
          }
          const w = k * H;
          let acc = 0;
          for (let j = 0; j < H; j++) {
            const dj = D2[o + j];
            gW2[w + j] += a * dj;
            acc += dj * W2[w + j];
          }
          D1[o + k] = acc;
        }
        for (let j = 0; j < H; j++) gB1[j] += D1[o + j];
        for (let k = 0; k < d; k++) {
          const v = xb[r * d + k];
          if (v === 0) continue;
          const w = k * H;
          for (let j = 0; j < H; j++) gW1[w + j] += v * D1[o + j];
        }
      }
      G[oB3] = gb3;
      // sklearn: coef grads (Aᵀδ + α·W) / n, intercept grads mean(δ).
      for (const [ow, ob] of layers) for (let i = ow; i < ob; i++) G[i] += ALPHA * P[i];
      for (let i = 0; i < size; i++) G[i] /= bs;
      t++;
      const lr = (LR * Math.sqrt(1 - BETA2 ** t)) / (1 - BETA1 ** t);
      for (let i = 0; i < size; i++) {
        const g = G[i];
        const m = BETA1 * M[i] + (1 - BETA1) * g;
        const v = BETA2 * V[i] + (1 - BETA2) * g * g;
        M[i] = m;
        V[i] = v;
        P[i] -= (lr * m) / (Math.sqrt(v) + EPS);
      }
    }
    loss = accumulated / nTrain;
    epochs = epoch + 1;
    noImprove = loss > best - TOL ? noImprove + 1 : 0;
    if (loss < best) best = loss;
    if (noImprove > NO_CHANGE) break;
  }

  let correct = 0;
  for (let start = 0; start < test.length; start += B) {
    const bs = Math.min(B, test.length - start);
    for (let r = 0; r < bs; r++) {
      const src = test[start + r];
      for (let k = 0; k < d; k++) xb[r * d + k] = X[src * d + k];
    }
    forward(bs);
    // LabelBinarizer's threshold 0.5 on the logistic output, i.e. logit > 0.
    for (let r = 0; r < bs; r++) if ((Z[r] > 0 ? 1 : 0) === Y[test[start + r]]) correct++;
  }
  return { accuracy: correct / Math.max(1, test.length), epochs, finalLoss: loss };
}
