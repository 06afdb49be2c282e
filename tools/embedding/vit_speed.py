"""PyTorch side of the speed comparison: the PUBLISHED ViT + DINOHead (read from the mirror at run time).

    /usr/bin/python3 tools/embedding/vit_speed.py [presets...] [--threads N] [--batch B]

Per preset: feature extraction (get_intermediate_layers(x, 4) class tokens, eval, no grad) in patches/s
at 112x112, and one DINO training step (student on 2 global 112 + 8 local 32 crops, teacher on the
globals, DINO loss, backward, AdamW step, EMA) in seconds; inputs are pre-made tensors (no augmentation).
"""
import argparse
import math
import os
import sys
import time
from functools import partial

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
import published_vit  # noqa: E402

PRESETS = {  # patch, dim, depth, heads, head hidden, bottleneck, out
    "cpu": (16, 128, 4, 2, 512, 128, 4096),
    "tiny/16": (16, 192, 12, 3, 2048, 256, 65536),
    "small/8": (8, 384, 12, 6, 2048, 256, 65536),
}

ap = argparse.ArgumentParser()
ap.add_argument("presets", nargs="*", default=list(PRESETS))
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--batch", type=int, default=32)
ap.add_argument("--extract-batches", type=int, default=3)
ap.add_argument("--no-step", action="store_true", help="extraction only (the DINO step of small/8 takes minutes)")
args = ap.parse_args()
torch.set_num_threads(args.threads)
vits = published_vit.load()
torch.manual_seed(0)


def build(p, drop_path):
    patch, dim, depth, heads, hid, bott, out = p
    vit = vits.VisionTransformer(img_size=[224], patch_size=patch, embed_dim=dim, depth=depth, num_heads=heads,
                                 mlp_ratio=4, qkv_bias=True, norm_layer=partial(nn.LayerNorm, eps=1e-6),
                                 drop_path_rate=drop_path)
    head = vits.DINOHead(dim, out, norm_last_layer=False, hidden_dim=hid, bottleneck_dim=bott)
    return vit, head


def forward(vit, head, crops):
    # MultiCropWrapper: one backbone pass per resolution, head on the concatenation
    feats = [vit(torch.cat(group)) for group in crops]
    return head(torch.cat(feats))


for name in args.presets:
    p = PRESETS[name]
    B = args.batch
    vit, head = build(p, 0.0)
    vit.eval()
    x = torch.rand(B, 3, 112, 112)
    with torch.no_grad():
        vit.get_intermediate_layers(x, 4)  # warm-up
        t0 = time.perf_counter()
        c0 = time.process_time()
        for _ in range(args.extract_batches):
            out = torch.cat([t[:, 0] for t in vit.get_intermediate_layers(x, 4)], -1)
        ext = args.extract_batches * B / (time.perf_counter() - t0)
        ext_cpu = args.extract_batches * B / (time.process_time() - c0)

    if args.no_step:
        print(f"pytorch {torch.__version__} threads {torch.get_num_threads()} {name}: extraction {ext:.1f} patches/s"
              f" ({ext_cpu:.1f} per CPU-s), DINO step not run, load {os.getloadavg()[0]:.2f}", flush=True)
        continue
    s_vit, s_head = build(p, 0.1)
    t_vit, t_head = build(p, 0.0)
    t_vit.load_state_dict(s_vit.state_dict())
    t_head.load_state_dict(s_head.state_dict())
    for q in list(t_vit.parameters()) + list(t_head.parameters()):
        q.requires_grad = False
    params = list(s_vit.parameters()) + list(s_head.parameters())
    reg = [q for n, q in list(s_vit.named_parameters()) + list(s_head.named_parameters()) if not (n.endswith(".bias") or q.ndim == 1)]
    noreg = [q for n, q in list(s_vit.named_parameters()) + list(s_head.named_parameters()) if n.endswith(".bias") or q.ndim == 1]
    opt = torch.optim.AdamW([{"params": reg}, {"params": noreg, "weight_decay": 0.0}], lr=5e-5 * B / 256)
    center = torch.zeros(1, p[6])
    g = [torch.rand(B, 3, 112, 112) for _ in range(2)]
    loc = [torch.rand(B, 3, 32, 32) for _ in range(8)]
    times = []
    cpus = []
    for it in range(2):
        t0 = time.perf_counter()
        c0 = time.process_time()
        with torch.no_grad():
            t_out = forward(t_vit, t_head, [g])
        s_out = forward(s_vit, s_head, [g, loc])
        s_chunks = (s_out / 0.1).chunk(10)
        q = F.softmax((t_out - center) / 0.04, dim=-1).chunk(2)
        loss, n = 0, 0
        for iq, qq in enumerate(q):
            for v in range(10):
                if v != iq:
                    loss = loss + torch.sum(-qq * F.log_softmax(s_chunks[v], dim=-1), dim=-1).mean()
                    n += 1
        loss = loss / n
        center = center * 0.9 + t_out.mean(0, keepdim=True) * 0.1
        opt.zero_grad()
        loss.backward()
        opt.step()
        with torch.no_grad():
            for a, b in zip(list(s_vit.parameters()) + list(s_head.parameters()),
                            list(t_vit.parameters()) + list(t_head.parameters())):
                b.mul_(0.996).add_(0.004 * a.detach())
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    print(f"pytorch {torch.__version__} threads {torch.get_num_threads()} {name}: extraction {ext:.1f} patches/s"
          f" ({ext_cpu:.1f} per CPU-s), DINO step {times[-1]:.2f} s (CPU {cpus[-1]:.2f} s; batch {B};"
          f" first {times[0]:.2f} s) load {os.getloadavg()[0]:.2f}", flush=True)
