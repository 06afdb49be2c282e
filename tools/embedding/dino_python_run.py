"""The published DINO recipe (main_dino_patch.py: loss, centring, schedules, AdamW groups, EMA, last layer
frozen in epoch 1) with the published ViT and DINOHead, on a patches .npz (KnnBench's cache: `patches`
(N,112,112) float in [0,1], `lines`, `sequences`), on the CPU; then the same k-NN evaluation as KnnBench
(cosine, k=10, leave-one-sequence-out) for the random initial weights and the trained teacher.

Answers "does the published recipe itself collapse at this scale?", independently of the Java code.

    /usr/bin/python3 tools/embedding/dino_python_run.py PATCHES.npz EPOCHS [k=v ...]
    k: batch lr epochs dim depth heads patch hidden bottleneck out norm_last_layer(0/1) momentum seed threads
       local_crops warmup_epochs warmup_teacher_temp teacher_temp warmup_teacher_temp_epochs
       norm_mean norm_std (input (x - mean) / std; published: none; norm_std=0: per-patch standardisation)
       blur (1: DINO's own GaussianBlur, which CLANet dropped: p 1.0 / 0.1 on the global views, 0.5 on the local
       ones, sigma 0.1-2.0 in 112-px units)
       koleo (weight of DINOv2's KoLeo regulariser on the student's class token of the first global view; 0 = off)

Needs Debian's python3-torch, python3-pil (no torchvision: the augmentations are written with PIL as
torchvision does them).
"""
import math
import os
import random
import sys
import time
from functools import partial

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image, ImageEnhance, ImageFilter

sys.path.insert(0, os.path.dirname(__file__))
import published_vit  # noqa: E402

args = dict(batch=32, lr=5e-4, dim=128, depth=4, heads=2, patch=16, hidden=512, bottleneck=128, out=4096,
            norm_last_layer=0, momentum=0.996, seed=0, threads=2, local_crops=8, warmup_teacher_temp=0.04,
            teacher_temp=0.04, warmup_teacher_temp_epochs=10, min_lr=1e-6, wd=0.04, wd_end=0.4, freeze=1, warmup_epochs=0,
            norm_mean=0.0, norm_std=1.0, blur=0, koleo=0.0)
path = sys.argv[1]
epochs = int(sys.argv[2])
for kv in sys.argv[3:]:
    k, v = kv.split("=")
    args[k] = type(args[k])(float(v)) if not isinstance(args[k], str) else v
torch.set_num_threads(args["threads"])
torch.manual_seed(args["seed"])
random.seed(args["seed"])
np.random.seed(args["seed"])

data = np.load(path)
patches = data["patches"].astype(np.float32)
lines = data["lines"]
seqs = data["sequences"]
n = len(patches)
vits = published_vit.load()


def make_vit():
    return vits.VisionTransformer(img_size=[224], patch_size=args["patch"], embed_dim=args["dim"],
                                  depth=args["depth"], num_heads=args["heads"], mlp_ratio=4, qkv_bias=True,
                                  norm_layer=partial(nn.LayerNorm, eps=1e-6), drop_path_rate=0.1)


Wrapper = published_vit.multi_crop_wrapper()


experiments = np.array(["/".join(q.split("/")[:2]) for q in seqs])  # line/batch_k: one seeding and schedule


def knn(features, k=10, groups=None):
    """Cosine k-NN; neighbours never from the same group (default the sequence; `experiments`: other batches)."""
    groups = seqs if groups is None else groups
    u = features / np.maximum(np.linalg.norm(features, axis=1, keepdims=True), 1e-12)
    sims = u @ u.T
    same = groups[:, None] == groups[None, :]
    sims[same] = -np.inf
    correct = 0
    per = {}
    for i in range(n):
        nb = np.argpartition(-sims[i], k)[:k]
        votes = {}
        for j in nb:
            votes[lines[j]] = votes.get(lines[j], 0) + 1
        best = max(votes.values())
        pred = sorted(l for l, c in votes.items() if c == best)[0]
        c = per.setdefault(lines[i], [0, 0])
        c[1] += 1
        if pred == lines[i]:
            correct += 1
            c[0] += 1
    return correct / n, float(np.mean([a / b for a, b in per.values()]))


def sequence_centroids(features):
    """Batch-separated in miniature: train on one batch index of every line (mean feature per line, z-scored on
    the training patches), assign every other sequence's mean feature to the nearest line; mean over batch indices."""
    batch_of = np.array([q.split("/")[1] for q in seqs])
    names = sorted(set(lines))
    scores = []
    for b in sorted(set(batch_of)):
        train = batch_of == b
        z = (features - features[train].mean(0)) / (features[train].std(0) + 1e-6)
        cent = np.array([z[train & (lines == l)].mean(0) for l in names])
        test_seqs = sorted(set(seqs[~train]))
        hits = [names[int(np.argmin(((cent - z[seqs == q].mean(0)) ** 2).sum(1)))] == lines[seqs == q][0]
                for q in test_seqs]
        scores.append(float(np.mean(hits)))
    return float(np.mean(scores))


def normalise(x):
    if args["norm_std"] > 0:
        return (x - args["norm_mean"]) / args["norm_std"]
    # per-patch standardisation
    m = x.mean(dim=(-1, -2, -3), keepdim=True)
    s = x.std(dim=(-1, -2, -3), keepdim=True).clamp_min(0.01)
    return (x - m) / s


def features(backbone):
    backbone.eval()
    out = []
    with torch.no_grad():
        for i in range(0, n, 64):
            x = normalise(torch.from_numpy(patches[i:i + 64])[:, None].repeat(1, 3, 1, 1))
            inter = backbone.get_intermediate_layers(x, 4)
            out.append(torch.cat([t[:, 0] for t in inter], dim=-1).numpy())
    return np.concatenate(out)


# ---- augmentation (DataAugmentationDINO with torchvision's semantics, in PIL) ----
def rrc(img, size, scale):
    w, h = img.size
    area = w * h
    for _ in range(10):
        target = area * random.uniform(*scale)
        ar = math.exp(random.uniform(math.log(3 / 4), math.log(4 / 3)))
        cw = int(round(math.sqrt(target * ar)))
        ch = int(round(math.sqrt(target / ar)))
        if 0 < cw <= w and 0 < ch <= h:
            top = random.randint(0, h - ch)
            left = random.randint(0, w - cw)
            return img.resize((size, size), Image.BICUBIC, box=(left, top, left + cw, top + ch))
    return img.resize((size, size), Image.BICUBIC)


def flip_jitter(img):
    if random.random() < 0.3:
        img = img.transpose(Image.FLIP_TOP_BOTTOM)
    if random.random() < 0.3:
        img = img.transpose(Image.FLIP_LEFT_RIGHT)
    if random.random() < 0.5:
        b = random.uniform(0.5, 1.5)
        c = random.uniform(0.5, 1.5)
        ops = [lambda im: ImageEnhance.Brightness(im).enhance(b), lambda im: ImageEnhance.Contrast(im).enhance(c)]
        random.shuffle(ops)
        for op in ops:
            img = op(img)
    return img


def maybe_blur(img, p, size):
    if args["blur"] and random.random() < p:
        img = img.filter(ImageFilter.GaussianBlur(radius=random.uniform(0.1, 2.0) * size / 112))
    return img


def to_tensor(img):
    x = torch.from_numpy(np.asarray(img, dtype=np.float32) / 255.0)[None].repeat(3, 1, 1)
    return normalise(x)


def views(i):
    img = Image.fromarray(np.clip(patches[i] * 255 + 0.5, 0, 255).astype(np.uint8), mode="L")
    out = [to_tensor(maybe_blur(flip_jitter(rrc(img, 112, (0.5, 1.0))), p, 112)) for p in (1.0, 0.1)]
    out += [to_tensor(maybe_blur(flip_jitter(rrc(img, 32, (0.05, 0.5))), 0.5, 32))
            for _ in range(args["local_crops"])]
    return out


def koleo_loss(x, eps=1e-8):
    """DINOv2's KoLeoLoss: -mean log distance of each L2-normalised vector to its nearest neighbour in the batch."""
    x = F.normalize(x, eps=eps, p=2, dim=-1)
    dots = x @ x.t()
    dots.view(-1)[:: x.shape[0] + 1].fill_(-1)
    nn_idx = dots.argmax(dim=1)
    dist = (x - x[nn_idx]).norm(p=2, dim=-1)
    return -torch.log(dist + eps).mean()


def cosine_scheduler(base, final, epochs, niter, warmup_epochs=0, start_warmup_value=0):
    warmup = np.array([])
    if warmup_epochs > 0:
        warmup = np.linspace(start_warmup_value, base, warmup_epochs * niter)
    iters = np.arange(epochs * niter - warmup_epochs * niter)
    schedule = final + 0.5 * (base - final) * (1 + np.cos(np.pi * iters / len(iters)))
    return np.concatenate((warmup, schedule))


student = Wrapper(make_vit(), vits.DINOHead(args["dim"], args["out"], norm_last_layer=bool(args["norm_last_layer"]),
                                            hidden_dim=args["hidden"], bottleneck_dim=args["bottleneck"]))
teacher = Wrapper(make_vit(), vits.DINOHead(args["dim"], args["out"], hidden_dim=args["hidden"],
                                            bottleneck_dim=args["bottleneck"]))
teacher.load_state_dict(student.state_dict())
backbone_outputs = []  # the student backbone's class tokens of this step, global views first (for KoLeo)
student.backbone.register_forward_hook(lambda module, inputs, output: backbone_outputs.append(output))
for p in teacher.parameters():
    p.requires_grad = False
def measures(backbone):
    """(k-NN leave one sequence out, k-NN across batches, sequence centroids) of a backbone's features."""
    f = features(backbone)
    return knn(f), knn(f, groups=experiments), sequence_centroids(f) if "/batch_" in seqs[0] else float("nan")


rnd, rnd_x, rnd_c = measures(teacher.backbone)
print(f"random init: k-NN accuracy {rnd[0]:.3f} balanced {rnd[1]:.3f}; across batches {rnd_x[0]:.3f} balanced"
      f" {rnd_x[1]:.3f}; sequence centroids across batches {rnd_c:.3f}", flush=True)

reg, noreg = [], []
for name, p in student.named_parameters():
    if not p.requires_grad:
        continue
    (noreg if name.endswith(".bias") or len(p.shape) == 1 else reg).append(p)
opt = torch.optim.AdamW([{"params": reg}, {"params": noreg, "weight_decay": 0.0}])
bs = args["batch"]
steps = n // bs
lr_s = cosine_scheduler(args["lr"] * bs / 256.0, args["min_lr"], epochs, steps, args["warmup_epochs"])
wd_s = cosine_scheduler(args["wd"], args["wd_end"], epochs, steps)
mom_s = cosine_scheduler(args["momentum"], 1, epochs, steps)
temps = np.concatenate((np.linspace(args["warmup_teacher_temp"], args["teacher_temp"],
                                    args["warmup_teacher_temp_epochs"]),
                        np.ones(max(0, epochs - args["warmup_teacher_temp_epochs"])) * args["teacher_temp"]))
center = torch.zeros(1, args["out"])
ncrops = 2 + args["local_crops"]
print(f"{n} patches, batch {bs}, {steps} steps/epoch, args {args}", flush=True)
for epoch in range(epochs):
    student.train()
    perm = np.random.permutation(n)
    t0 = time.time()
    losses = []
    for s in range(steps):
        it = epoch * steps + s
        for i, g in enumerate(opt.param_groups):
            g["lr"] = lr_s[it]
            if i == 0:
                g["weight_decay"] = wd_s[it]
        per = [views(j) for j in perm[s * bs:(s + 1) * bs]]
        images = [torch.stack([v[c] for v in per]) for c in range(ncrops)]
        t_out = teacher(images[:2])
        backbone_outputs.clear()
        s_out = student(images)
        # DINOLoss.forward
        so = (s_out / 0.1).chunk(ncrops)
        q = F.softmax((t_out - center) / temps[epoch], dim=-1).detach().chunk(2)
        total, terms = 0, 0
        for iq, qq in enumerate(q):
            for v in range(ncrops):
                if v == iq:
                    continue
                total += torch.sum(-qq * F.log_softmax(so[v], dim=-1), dim=-1).mean()
                terms += 1
        loss = total / terms
        if args["koleo"] > 0:
            loss = loss + args["koleo"] * koleo_loss(backbone_outputs[0][:bs])
        with torch.no_grad():
            center = center * 0.9 + t_out.mean(0, keepdim=True) * 0.1
        opt.zero_grad()
        loss.backward()
        if epoch < args["freeze"]:
            for name, p in student.named_parameters():
                if "last_layer" in name:
                    p.grad = None
        opt.step()
        with torch.no_grad():
            m = mom_s[it]
            for pq, pk in zip(student.parameters(), teacher.parameters()):
                pk.data.mul_(m).add_((1 - m) * pq.detach().data)
        losses.append(loss.item())
        if s % 20 == 0:
            g = student.head.last_layer.weight_g
            print(f"  epoch {epoch + 1} step {s + 1}/{steps} loss {loss.item():.4f} |g| mean {g.mean().item():.3f}"
                  f" teacher-out std over batch {t_out.std(0).mean().item():.4f}", flush=True)
    print(f"epoch {epoch + 1}/{epochs} loss {np.mean(losses):.4f} ({time.time() - t0:.0f} s)", flush=True)
pre, pre_x, pre_c = measures(teacher.backbone)
print(f"across batches: k-NN random {rnd_x[0]:.3f} (balanced {rnd_x[1]:.3f}) -> pretrained {pre_x[0]:.3f}"
      f" (balanced {pre_x[1]:.3f}); sequence centroids {rnd_c:.3f} -> {pre_c:.3f}", flush=True)
print(f"RESULT python published DINO {epochs} epochs: k-NN random {rnd[0]:.3f} (balanced {rnd[1]:.3f}) -> "
      f"pretrained {pre[0]:.3f} (balanced {pre[1]:.3f}); ln K = {math.log(args['out']):.4f}", flush=True)
