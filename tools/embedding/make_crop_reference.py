"""Reference for MultiCrop's resize: PIL's bicubic resampling of a box (what torchvision's
RandomResizedCrop does on a PIL image), on a float ('F' mode) image so no uint8 rounding enters.

    /usr/bin/python3 tools/embedding/make_crop_reference.py src/test/resources/embedding
"""
import os
import sys

import numpy as np
from PIL import Image

out_dir = sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/embedding"
rng = np.random.default_rng(5)
img = rng.random((112, 112), dtype=np.float32)
# smooth it a little so the values are image-like and the filter matters
img = (img + np.roll(img, 1, 0) + np.roll(img, 1, 1)) / 3
pil = Image.fromarray(img.astype(np.float32), mode="F")
boxes = [(0, 0, 112, 112, 112), (10, 5, 80, 90, 112), (3, 40, 60, 50, 112), (20, 30, 25, 25, 32),
         (0, 0, 112, 112, 32), (50, 60, 9, 11, 32), (7, 9, 40, 35, 32)]
arrays = {"image": img.astype(np.float32), "boxes": np.array(boxes, dtype=np.int32)}
for i, (left, top, w, h, size) in enumerate(boxes):
    out = pil.resize((size, size), Image.BICUBIC, box=(left, top, left + w, top + h))
    arrays[f"out_{i}"] = np.asarray(out, dtype=np.float32)
np.savez(os.path.join(out_dir, "crop_reference.npz"), **arrays)
print({k: v.shape for k, v in arrays.items()})
