"""Batch-separated identification in miniature, for judging patch features without training the MIL.

For each choice of training batch (batch_k of every line): a logistic regression (C = 0.1, z-scored features) is
fitted on that batch's patches; every sequence of the other batches goes to the line with the highest mean
log-probability over its patches. Prints the sequence accuracy per choice and their mean, and the patch accuracy.

    /usr/bin/python3 tools/embedding/sequence_probe.py FEATURES.npz ...   (KnnBench's features-NAME.npz:
                                                                           features, lines, sequences)
    /usr/bin/python3 tools/embedding/sequence_probe.py --hand PATCHES.npz [BLUR_SIGMA]
        (KnnBench's patches.npz; 70 hand-made texture features per patch, for scale: radial power spectrum of
         the standardised patch, uniform LBP histogram, gradient statistics; optional Gaussian blur first)

Needs Debian's python3-numpy, python3-sklearn, python3-skimage, python3-scipy.
"""
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression


def hand_features(patch):
    from skimage.feature import local_binary_pattern
    z = (patch - patch.mean()) / (patch.std() + 1e-6)
    power = np.abs(np.fft.fftshift(np.fft.fft2(z))) ** 2
    yy, xx = np.indices(power.shape)
    c = patch.shape[0] // 2
    r = np.hypot(yy - c, xx - c).astype(int)
    radial = np.log(np.bincount(r.ravel(), power.ravel())[1:c] / np.bincount(r.ravel())[1:c] + 1e-6)
    lbp = local_binary_pattern((z * 20).astype(np.int32), 8, 2, "uniform")
    hist = np.bincount(lbp.astype(int).ravel(), minlength=10) / lbp.size
    gy, gx = np.gradient(z)
    g = np.hypot(gx, gy)
    return np.concatenate([radial, hist * 10, [g.mean(), g.std(), patch.std() * 10, (z > 1).mean() * 10,
                                                (z < -1).mean() * 10]])


def probe(x, lines, sequences):
    names = sorted(set(lines))
    y = np.array([names.index(l) for l in lines])
    batch = np.array([q.split("/")[1] for q in sequences])
    x = (x - x.mean(0)) / (x.std(0) + 1e-6)
    seq_acc, patch_acc = [], []
    for b in sorted(set(batch)):
        train = batch == b
        clf = LogisticRegression(C=0.1, max_iter=3000).fit(x[train], y[train])
        tests = sorted(set(sequences[~train]))
        hits = [names[int(np.argmax(clf.predict_log_proba(x[sequences == q]).mean(0)))] == lines[sequences == q][0]
                for q in tests]
        seq_acc.append(float(np.mean(hits)))
        patch_acc.append(float((clf.predict(x[~train]) == y[~train]).mean()))
    return seq_acc, float(np.mean(patch_acc))


def main(argv):
    if argv and argv[0] == "--hand":
        d = np.load(argv[1])
        sigma = float(argv[2]) if len(argv) > 2 else 0.0
        patches = d["patches"]
        if sigma > 0:
            from scipy.ndimage import gaussian_filter
            patches = [gaussian_filter(p, sigma) for p in patches]
        runs = [("hand features" + (f", blur {sigma}" if sigma else ""), np.array([hand_features(p) for p in patches]),
                 d["lines"], d["sequences"])]
    else:
        runs = []
        for f in argv:
            d = np.load(f)
            runs.append((f, d["features"], d["lines"], d["sequences"]))
    for name, x, lines, sequences in runs:
        seq_acc, patch_acc = probe(x, np.asarray(lines), np.asarray(sequences))
        print(f"{name}: sequence accuracy across batches {np.mean(seq_acc):.3f} (per training batch "
              f"{', '.join(f'{a:.3f}' for a in seq_acc)}); patch accuracy {patch_acc:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
