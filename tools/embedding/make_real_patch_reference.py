"""Features of real LIVECell patches (../shared/real-images) from the published ViT with the parity weights
(vit_p16_d48.npz): checks the whole input path (file -> gray [0,1] -> 112x112 crop -> features).

    /usr/bin/python3 tools/embedding/make_real_patch_reference.py ../shared/real-images src/test/resources/embedding
"""
import os
import sys
from functools import partial

import numpy as np
import torch
import torch.nn as nn
from PIL import Image

sys.path.insert(0, os.path.dirname(__file__))
import published_vit  # noqa: E402

root, out_dir = sys.argv[1], sys.argv[2]
FILES = ["A172/batch_1/A172_Phase_A7_1_01d08h00m_2.tif", "MCF7/batch_1/" + sorted(os.listdir(os.path.join(root, "MCF7/batch_1")))[0]]
BOXES = [(100, 50), (400, 300)]
vits = published_vit.load()
vit = vits.VisionTransformer(img_size=[224], patch_size=16, embed_dim=48, depth=4, num_heads=3, mlp_ratio=4,
                             qkv_bias=True, norm_layer=partial(nn.LayerNorm, eps=1e-6))
state = np.load(os.path.join(out_dir, "vit_p16_d48.npz"))
vit.load_state_dict({k: torch.from_numpy(state[k]) for k in state.files})
vit.eval()
crops, names, boxes = [], [], []
for f in FILES:
    img = np.asarray(Image.open(os.path.join(root, f)))
    assert img.dtype == np.uint8 and img.ndim == 2, (img.dtype, img.shape)
    g = img.astype(np.float32) / 255.0  # true intensities in [0,1] (METHOD "Pixels" fix)
    for (x, y) in BOXES:
        crops.append(g[y:y + 112, x:x + 112])
        names.append(f)
        boxes.append((x, y))
x = torch.from_numpy(np.stack(crops))[:, None].repeat(1, 3, 1, 1)
with torch.no_grad():
    feats = torch.cat([t[:, 0] for t in vit.get_intermediate_layers(x, 4)], -1).numpy()
np.savez(os.path.join(out_dir, "real_patch_reference.npz"), files=np.array(names), boxes=np.array(boxes, dtype=np.int32),
         features=feats.astype(np.float32))
print(names, feats.shape)
