"""Parity reference for the Java ViT: run with Debian's /usr/bin/python3 (torch 1.13).

    /usr/bin/python3 tools/embedding/make_vit_reference.py src/test/resources/embedding

Builds small seeded ViTs with the published vision_transformer.py (img_size 224, so pos_embed is always
interpolated for 112/32 inputs), saves each state dict with the published key names, some gray patches
(replicated to 3 channels as the app feeds them) and the outputs of get_intermediate_layers(x, 4)
(class tokens, concatenated) and of the plain forward.
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
os.makedirs(out_dir, exist_ok=True)
vits = published_vit.load()

CONFIGS = {
    # name: (patch, dim, depth, heads)
    "vit_p8_d48": (8, 48, 4, 2),
    "vit_p16_d48": (16, 48, 4, 3),
}


def perturb(model, gen):
    """Random (not init) values everywhere, so LayerNorm affine, biases, cls and pos all matter."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.copy_(torch.randn(p.shape, generator=gen) * (0.5 if p.ndim > 1 else 0.2)
                    + (1.0 if name.endswith("norm1.weight") or name.endswith("norm2.weight")
                       or name == "norm.weight" else 0.0))
            if p.ndim == 2:
                p.mul_(1.0 / np.sqrt(p.shape[1]))


for name, (patch, dim, depth, heads) in CONFIGS.items():
    gen = torch.Generator().manual_seed(1234 + patch)
    model = vits.VisionTransformer(img_size=[224], patch_size=patch, embed_dim=dim, depth=depth, num_heads=heads,
                                   mlp_ratio=4, qkv_bias=True, norm_layer=partial(nn.LayerNorm, eps=1e-6))
    perturb(model, gen)
    model.eval()
    state = {k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()}
    np.savez(os.path.join(out_dir, name + ".npz"), **state)

    arrays = {}
    for size in (112, 32):
        gray = torch.rand((6, 1, size, size), generator=gen)
        x = gray.repeat(1, 3, 1, 1)
        with torch.no_grad():
            inter = model.get_intermediate_layers(x, 4)
            cls = torch.cat([t[:, 0] for t in inter], dim=-1)
            plain = model(x)
        arrays[f"input_{size}"] = gray[:, 0].numpy().astype(np.float32)
        arrays[f"cls4_{size}"] = cls.numpy().astype(np.float32)
        arrays[f"forward_{size}"] = plain.numpy().astype(np.float32)
    # the interpolated position embedding for a 14x14 and a 4x4 grid (interpolation alone)
    with torch.no_grad():
        for size in (112, 32):
            g = size // patch
            tokens = torch.zeros(1, g * g + 1, dim)
            arrays[f"pos_{size}"] = model.interpolate_pos_encoding(tokens, size, size).numpy().astype(np.float32)
    np.savez(os.path.join(out_dir, name + "_io.npz"), **arrays)
    print(name, {k: v.shape for k, v in arrays.items()})
