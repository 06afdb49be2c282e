"""Distribution of the published Time-series Segment Sampling, for SegmentSamplerDistributionTest.

Runs the published Cell_Features_sampling.__getitem__ / get_sample_weights and the g-drawing statements of
load_data, extracted from the mirror at run time, over many epochs for a few hand-made time series, and
writes frequencies (g, snippet sizes per g, frame inclusion per g) and mean/sd of the weights per g.
The published n = 1 defect (weight NaN) is counted and replaced by the fixed value n/N for the means.

Usage: /usr/bin/python3 tools/mil/tss_reference.py > src/test/resources/mil/tss_reference.json
"""
import json
import math
import sys
import types
import warnings

import numpy as np
import scipy.stats as ss
import torch

sys.path.insert(0, __import__("os").path.dirname(__file__))
import published  # noqa: E402

warnings.filterwarnings("ignore")
PATH = "datasets/Cell_Sampling_new.py"
CLS = "Cell_Features_sampling"
SKIP = 5          # warm-up epochs excluded on both sides (published swap vs our fix differ there)
DRAWS = 20000

SERIES = {
    "regular4h": list(range(0, 49, 4)),
    "irregular": [2, 3, 5, 9, 10, 14, 15, 21, 22, 30],
    "halfEven4.5": [0, 4, 9, 13, 18],
    "sixHourly": [6, 12, 18, 24, 30, 36, 42],
    "hourly": list(range(0, 25)),
    "sparse7h": [18, 25, 32, 39, 46, 53],
}


def build():
    ns = {"np": np, "torch": torch, "math": math, "ss": ss}
    exec(published.method_source(PATH, CLS, "get_sample_weights"), ns)
    exec(published.method_source(PATH, CLS, "__getitem__"), ns)
    draw = published.statements_containing(PATH, CLS, "load_data",
                                           ["prob = ss.norm.pdf", "prob = prob/prob.sum()",
                                            "nums = np.random.choice"])
    return ns, draw


def run(times, ns, draw):
    obj = types.SimpleNamespace()
    obj.get_sample_weights = types.MethodType(ns["get_sample_weights"], obj)
    obj.train = True
    obj.img_percent_coef = 1
    obj.sparsity_coef = 1
    obj.t_gap = np.arange(1, 9, 1)
    obj.train_epoch = SKIP + DRAWS
    s = np.array(times)
    e = float(np.sum(np.diff(s))) / (len(s) - 1)
    e = min(max(e, 1), 8)
    local = {"self": obj, "expectation_t": e, "np": np, "ss": ss}
    exec(draw, local)
    nums = local["nums"]
    n = len(times)
    obj.sample_vectors = [np.arange(n, dtype=np.float32).reshape(n, 1)]
    obj.labels_idx = [0]
    obj.batch_segment_times = [times]
    obj.norm_t_gaps = [nums]
    obj.expect_t = [e]
    obj.accum_value = 0
    g_count = np.zeros(8)
    size_count = {g: np.zeros(n + 1) for g in range(1, 9)}
    frame_count = {g: np.zeros(n) for g in range(1, 9)}
    weights = {g: [] for g in range(1, 9)}
    nan_count = 0
    for epoch in range(SKIP + DRAWS):
        imgs, _, w = ns["__getitem__"](obj, 0)
        if epoch < SKIP:
            continue
        g = int(nums[epoch])
        frames = imgs.numpy().reshape(-1).astype(int)
        w = float(w.item())
        if math.isnan(w):
            nan_count += 1
            w = len(frames) / n  # the fix: sparsity 0
        g_count[g - 1] += 1
        size_count[g][len(frames)] += 1
        frame_count[g][frames] += 1
        weights[g].append(w)
    out = {"times": times, "expected": e, "draws": DRAWS, "nanWeights": nan_count,
           "gFrequency": (g_count / DRAWS).tolist(), "perG": {}}
    for g in range(1, 9):
        m = int(g_count[g - 1])
        if m == 0:
            continue
        out["perG"][str(g)] = {
            "count": m,
            "sizeFrequency": (size_count[g] / m).tolist(),
            "frameFrequency": (frame_count[g] / m).tolist(),
            "meanWeight": float(np.mean(weights[g])),
            "sdWeight": float(np.std(weights[g])),
        }
    return out


def main():
    np.random.seed(20261130)
    ns, draw = build()
    result = {name: run(t, ns, draw) for name, t in SERIES.items()}
    json.dump({"generator": "tools/mil/tss_reference.py", "skipEpochs": SKIP, "series": result},
              sys.stdout, indent=1)


if __name__ == "__main__":
    main()
