#!/usr/bin/python3
"""sbibm's C2ST (sbibm/metrics/c2st.py) with sklearn, on two CSV sample files: the yardstick for our c2st.ts.

Usage: python3 scripts/c2st-sklearn.py REFERENCE.csv APPROX.csv [--seed 1]
Both files: a header line, one column per parameter. Prints one JSON line {"c2st": ..., "folds": [...], "seconds": ...}.
"""
import argparse
import json
import time

import numpy as np
from sklearn.model_selection import KFold, cross_val_score
from sklearn.neural_network import MLPClassifier


def c2st(X: np.ndarray, Y: np.ndarray, seed: int = 1, n_folds: int = 5) -> np.ndarray:
    # sbibm z-scores both sets by the reference's mean and torch.std (unbiased, ddof=1).
    mean = X.mean(axis=0)
    std = X.std(axis=0, ddof=1)
    X = (X - mean) / std
    Y = (Y - mean) / std
    ndim = X.shape[1]
    clf = MLPClassifier(
        activation="relu",
        hidden_layer_sizes=(10 * ndim, 10 * ndim),
        max_iter=10000,
        solver="adam",
        random_state=seed,
    )
    data = np.concatenate((X, Y))
    target = np.concatenate((np.zeros((X.shape[0],)), np.ones((Y.shape[0],))))
    shuffle = KFold(n_splits=n_folds, shuffle=True, random_state=seed)
    return cross_val_score(clf, data, target, cv=shuffle, scoring="accuracy")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("reference")
    parser.add_argument("approx")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    # sbibm hands float32 torch tensors to sklearn (which casts to float64): mimic the float32 rounding.
    X = np.loadtxt(args.reference, delimiter=",", skiprows=1, ndmin=2).astype(np.float32).astype(np.float64)
    Y = np.loadtxt(args.approx, delimiter=",", skiprows=1, ndmin=2).astype(np.float32).astype(np.float64)
    t0 = time.time()
    scores = c2st(X, Y, seed=args.seed)
    print(json.dumps({"c2st": float(np.mean(scores)), "folds": [float(s) for s in scores], "seconds": time.time() - t0}))


if __name__ == "__main__":
    main()
