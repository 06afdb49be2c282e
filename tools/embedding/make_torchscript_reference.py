"""A TorchScript feature extractor for the DJL TorchScript test, and the recipe users follow.

    /usr/bin/python3 tools/embedding/make_torchscript_reference.py src/test/resources/embedding

Loads the parity reference weights (vit_p16_d48.npz, made by make_vit_reference.py) into the published
ViT, wraps it so forward(x) returns the concatenated class tokens of the last 4 blocks (CLANet's features)
and traces it at 112x112. The Java test compares its DJL output to cls4_112 of vit_p16_d48_io.npz.
"""
import os
import sys
from functools import partial

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(__file__))
import published_vit  # noqa: E402

out_dir = sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/embedding"
vits = published_vit.load()


class Features(nn.Module):
    """forward(x: (B,3,H,W) in [0,1]) -> (B, 4*dim): get_intermediate_layers(x, 4) class tokens."""

    def __init__(self, vit, n=4):
        super().__init__()
        self.vit, self.n = vit, n

    def forward(self, x):
        return torch.cat([t[:, 0] for t in self.vit.get_intermediate_layers(x, self.n)], dim=-1)


vit = vits.VisionTransformer(img_size=[224], patch_size=16, embed_dim=48, depth=4, num_heads=3, mlp_ratio=4,
                             qkv_bias=True, norm_layer=partial(nn.LayerNorm, eps=1e-6))
state = np.load(os.path.join(out_dir, "vit_p16_d48.npz"))
vit.load_state_dict({k: torch.from_numpy(state[k]) for k in state.files})
vit.eval()
# Tracing cannot follow the scale-factor interpolation of pos_embed; fix it for 112x112 inputs first (the
# interpolated table is exactly what every 112x112 forward uses, so the features are unchanged).
with torch.no_grad():
    grid = 112 // vit.patch_embed.patch_size
    vit.pos_embed = nn.Parameter(vit.interpolate_pos_encoding(torch.zeros(1, grid * grid + 1, vit.embed_dim), 112, 112))
with torch.no_grad():
    traced = torch.jit.trace(Features(vit), torch.rand(2, 3, 112, 112))
traced.save(os.path.join(out_dir, "vit_p16_d48_features.pt"))
io = np.load(os.path.join(out_dir, "vit_p16_d48_io.npz"))
x = torch.from_numpy(io["input_112"])[:, None].repeat(1, 3, 1, 1)
with torch.no_grad():
    print("traced vs reference max abs diff:", float((traced(x) - torch.from_numpy(io["cls4_112"])).abs().max()))
