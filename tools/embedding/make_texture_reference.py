"""Reference for TextureStatistics: scipy.ndimage's multi-scale statistics (59 per patch) of a few 112x112 patches.

    /usr/bin/python3 tools/embedding/make_texture_reference.py PATCHES.npz OUT.npz
        PATCHES.npz: KnnBench's patches.npz of the committed sample data (patches, lines, sequences); writes the
        first patch of each line, a constant patch (sd floor) and a noise patch with their raw statistics.
    /usr/bin/python3 tools/embedding/make_texture_reference.py --constants PATCHES.npz
        prints the mean and sd of every statistic over all patches (TextureStatistics.CENTRE / SPREAD).

Needs Debian's python3-numpy and python3-scipy.
"""
import sys

import numpy as np
from scipy import ndimage as ndi


def statistics(patch):
    p = patch.astype(np.float64)
    z = (p - p.mean()) / max(p.std(), 0.01)
    out, percentiles, coherence = [], [], []
    for s in (1, 2, 4, 8):
        g = ndi.gaussian_gradient_magnitude(z, s) * s
        lap = ndi.gaussian_laplace(z, s) * s * s
        out += [g.mean(), g.std(), lap.std(), np.abs(lap).mean()]
        percentiles += list(np.percentile(g, [10, 50, 90])) + list(np.percentile(lap, [5, 50, 95]))
        gx = ndi.gaussian_filter(z, s, order=(0, 1))
        gy = ndi.gaussian_filter(z, s, order=(1, 0))
        jxx = ndi.gaussian_filter(gx * gx, 2 * s)
        jyy = ndi.gaussian_filter(gy * gy, 2 * s)
        jxy = ndi.gaussian_filter(gx * gy, 2 * s)
        trace = jxx + jyy
        coh = np.sqrt((jxx - jyy) ** 2 + 4 * jxy ** 2) / (trace + 1e-9)
        coherence += [coh.mean(), (coh * trace).sum() / (trace.sum() + 1e-12), coh.std()]
    out += list(np.percentile(z, [1, 5, 25, 50, 75, 95, 99]))
    return np.array(out + percentiles + coherence)


def main():
    if sys.argv[1] == "--constants":
        x = np.array([statistics(p) for p in np.load(sys.argv[2])["patches"]])
        np.set_printoptions(precision=3, suppress=True, linewidth=200)
        print("mean", x.mean(0))
        print("sd  ", x.std(0))
        return
    f = np.load(sys.argv[1])
    lines = f["lines"]
    picks = [f["patches"][np.flatnonzero(lines == name)[0]] for name in sorted(set(lines))]
    picks.append(np.full((112, 112), 0.5, np.float32))
    picks.append(np.random.default_rng(0).random((112, 112)).astype(np.float32))
    patches = np.stack(picks).astype(np.float32)
    np.savez_compressed(sys.argv[2], patches=patches, statistics=np.array([statistics(p) for p in patches], np.float32))


if __name__ == "__main__":
    main()
