#!/usr/bin/env python3
"""Packs the output of run_reference.py into small test data for src/test/resources/selection/:

    reference-patches.json   {"<root>/<rel path>": [[x, y, w, h, confluency], ...]}  (published, rank order)
    reference-masks.bin.gz   gzip of, per image: key (u16 length + UTF-8), width, height (u32 BE),
                             run count (u32 BE), runs as LEB128 varints, alternating 0-runs and 1-runs in
                             row-major order, starting with a 0-run (possibly of length 0)

Usage: python3 tools/reference/pack_reference.py /tmp/ref src/test/resources/selection
"""
import gzip
import json
import os
import struct
import sys

import numpy as np
from PIL import Image


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def main():
    ref, dest = sys.argv[1], sys.argv[2]
    with open(os.path.join(ref, 'patches.json')) as f:
        patches = json.load(f)
    blob = bytearray()
    for key in sorted(patches):
        arr = np.asarray(Image.open(os.path.join(ref, os.path.splitext(key)[0] + '.png')))
        h, w = arr.shape
        m = (arr > 0).astype(np.int8).ravel()
        change = np.flatnonzero(np.diff(m)) + 1
        bounds = np.concatenate(([0], change, [m.size]))
        runs = np.diff(bounds).tolist()
        if m[0] == 1:
            runs = [0] + runs
        k = key.encode()
        blob += struct.pack('>H', len(k)) + k + struct.pack('>III', w, h, len(runs))
        for r in runs:
            blob += varint(int(r))
    with gzip.open(os.path.join(dest, 'reference-masks.bin.gz'), 'wb', compresslevel=9) as f:
        f.write(bytes(blob))
    with open(os.path.join(dest, 'reference-patches.json'), 'w') as f:
        json.dump({k: patches[k] for k in sorted(patches)}, f, separators=(',', ':'))
    print('masks', os.path.getsize(os.path.join(dest, 'reference-masks.bin.gz')), 'bytes; patches',
          os.path.getsize(os.path.join(dest, 'reference-patches.json')), 'bytes;', len(patches), 'images')


if __name__ == '__main__':
    main()
