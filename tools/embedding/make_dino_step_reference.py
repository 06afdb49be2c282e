"""Parity reference for two DINO training steps: run with Debian's /usr/bin/python3 (torch 1.13).

    /usr/bin/python3 tools/embedding/make_dino_step_reference.py src/test/resources/embedding

The published recipe (LeiTong02/CLANet dino/main_dino_patch.py train_one_epoch + DINOLoss, dino/utils.py
MultiCropWrapper / get_params_groups / cancel_gradients_last_layer) re-implemented line for line below, with
the PUBLISHED VisionTransformer and DINOHead loaded from the mirror (published_vit.py). Tiny config: ViT
patch 16, 32-d, 2 blocks, 2 heads, pos_embed for 224, head 64/64/32/128, drop_path 0 (no randomness in
the forward), batch 4, 2 global 112x112 + 2 local 32x32 views.

Step 0 runs in epoch 0 (last layer frozen: its grads set to None, so AdamW skips it entirely), step 1 in
epoch 1 (last layer trained, its first AdamW step). lr / wd / momentum are given per step; the momenta are
far from the published 0.996 on purpose, so that the EMA moves the teacher by much more than the test's
tolerance.

Stored (np.savez_compressed, 1,020,257 bytes = 0.97 MiB):
  init.<name>            initial student weights, published names (backbone.*, head.mlp.0.weight, ...,
                         head.last_layer.weight_g, head.last_layer.weight_v), float16: the float32
                         initial weights were rounded to float16 first, so this is exact and half the size
  global_views_u8        (2B, 1, 112, 112) uint8 codes, view-major (row g*B + i); value = code / 255
  local_views_u8         (LB, 1, 32, 32) likewise (the 8-bit grey levels ToTensor produces)
  loss                   (2,) the DINO loss of each step
  student<k>.<name>      student after step k, float32
  teacher1.<name>        teacher after step 1, float32. The teacher after step 0 is not stored (it would
                         take the file over 1 MB); it is checked through step 1 all the same: teacher1 =
                         0.8 teacher0 + 0.2 student1, and step 1's loss and centre come from teacher0's
                         forward
  center<k>              (1, K) centre after step k
  lr, weight_decay, momentum, teacher_temp, freeze_last_layer   (2,) per step
  student_temp, center_momentum, adam_beta1, adam_beta2, adam_eps, batch, local_crops, and the
  config: patch, embed, depth, heads, pos_image, head_hidden, head_bottleneck, head_out
"""
import os
import sys
from functools import partial

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
import published_vit  # noqa: E402

out_dir = sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/embedding"
os.makedirs(out_dir, exist_ok=True)
torch.set_num_threads(1)
torch.manual_seed(20261130)
vits = published_vit.load()

PATCH, EMBED, DEPTH, HEADS, POS_IMAGE = 16, 32, 2, 2, 224
HIDDEN, BOTTLENECK, OUT = 64, 32, 128
BATCH, LOCAL = 4, 2
GLOBAL_SIZE, LOCAL_SIZE = 112, 32
STUDENT_TEMP, CENTER_MOMENTUM = 0.1, 0.9
FREEZE_LAST_LAYER = 1  # epochs (published default)
STEPS = [  # (epoch, lr, weight_decay, momentum, teacher_temp)
    (0, 1e-3, 0.1, 0.9, 0.04),
    (1, 2e-3, 0.4, 0.8, 0.04),
]


def vit():
    return vits.VisionTransformer(img_size=[POS_IMAGE], patch_size=PATCH, embed_dim=EMBED, depth=DEPTH,
                                  num_heads=HEADS, mlp_ratio=4, qkv_bias=True,
                                  norm_layer=partial(nn.LayerNorm, eps=1e-6), drop_path_rate=0.0)


MultiCropWrapper = published_vit.multi_crop_wrapper()  # dino/utils.py, read from the mirror


class DINOLoss(nn.Module):  # main_dino_patch.py; the temperature is passed in instead of scheduled by epoch
    def __init__(self, out_dim, ncrops, student_temp=0.1, center_momentum=0.9):
        super().__init__()
        self.student_temp = student_temp
        self.center_momentum = center_momentum
        self.ncrops = ncrops
        self.register_buffer("center", torch.zeros(1, out_dim))

    def forward(self, student_output, teacher_output, temp):
        student_out = student_output / self.student_temp
        student_out = student_out.chunk(self.ncrops)
        teacher_out = F.softmax((teacher_output - self.center) / temp, dim=-1)
        teacher_out = teacher_out.detach().chunk(2)
        total_loss = 0
        n_loss_terms = 0
        for iq, q in enumerate(teacher_out):
            for v in range(len(student_out)):
                if v == iq:
                    continue
                loss = torch.sum(-q * F.log_softmax(student_out[v], dim=-1), dim=-1)
                total_loss += loss.mean()
                n_loss_terms += 1
        total_loss /= n_loss_terms
        self.update_center(teacher_output)
        return total_loss

    @torch.no_grad()
    def update_center(self, teacher_output):
        batch_center = torch.sum(teacher_output, dim=0, keepdim=True)
        batch_center = batch_center / len(teacher_output)  # world size 1
        self.center = self.center * self.center_momentum + batch_center * (1 - self.center_momentum)


def get_params_groups(model):  # dino/utils.py, unchanged
    regularized = []
    not_regularized = []
    for name, param in model.named_parameters():
        if not param.requires_grad:
            continue
        if name.endswith(".bias") or len(param.shape) == 1:
            not_regularized.append(param)
        else:
            regularized.append(param)
    return [{'params': regularized}, {'params': not_regularized, 'weight_decay': 0.}]


def cancel_gradients_last_layer(epoch, model, freeze_last_layer):  # dino/utils.py, unchanged
    if epoch >= freeze_last_layer:
        return
    for n, p in model.named_parameters():
        if "last_layer" in n:
            p.grad = None


student = MultiCropWrapper(vit(), vits.DINOHead(EMBED, OUT, use_bn=False, norm_last_layer=False,
                                                hidden_dim=HIDDEN, bottleneck_dim=BOTTLENECK))
teacher = MultiCropWrapper(vit(), vits.DINOHead(EMBED, OUT, False, hidden_dim=HIDDEN, bottleneck_dim=BOTTLENECK))
with torch.no_grad():
    for p in student.parameters():  # published init, made exactly representable in float16 (see docstring)
        p.copy_(p.half().float())
teacher.load_state_dict(student.state_dict())
for p in teacher.parameters():
    p.requires_grad = False
init = {k: v.detach().numpy().astype(np.float16) for k, v in student.state_dict().items()}
assert all(np.array_equal(init[k].astype(np.float32), v.numpy()) for k, v in student.state_dict().items())

dino_loss = DINOLoss(OUT, LOCAL + 2, STUDENT_TEMP, CENTER_MOMENTUM)
optimizer = torch.optim.AdamW(get_params_groups(student))

gen = torch.Generator().manual_seed(7)
global_u8 = torch.randint(0, 256, (2 * BATCH, 1, GLOBAL_SIZE, GLOBAL_SIZE), generator=gen, dtype=torch.uint8)
local_u8 = torch.randint(0, 256, (LOCAL * BATCH, 1, LOCAL_SIZE, LOCAL_SIZE), generator=gen, dtype=torch.uint8)
# crops as the data loader yields them: one (B, 3, H, W) tensor per view, grey replicated to 3 channels
glob = (global_u8.float() / 255).repeat(1, 3, 1, 1)
loc = (local_u8.float() / 255).repeat(1, 3, 1, 1)
images = list(glob.chunk(2)) + list(loc.chunk(LOCAL))

out = {"global_views_u8": global_u8.numpy(), "local_views_u8": local_u8.numpy()}
out.update({"init." + k: v for k, v in init.items()})
losses = []
for k, (epoch, lr, wd, mom, temp) in enumerate(STEPS):
    # train_one_epoch, one iteration
    for i, param_group in enumerate(optimizer.param_groups):
        param_group["lr"] = lr
        if i == 0:
            param_group["weight_decay"] = wd
    teacher_output = teacher(images[:2])
    student_output = student(images)
    loss = dino_loss(student_output, teacher_output, temp)
    optimizer.zero_grad()
    loss.backward()
    cancel_gradients_last_layer(epoch, student, FREEZE_LAST_LAYER)
    optimizer.step()
    with torch.no_grad():
        for param_q, param_k in zip(student.parameters(), teacher.parameters()):
            param_k.data.mul_(mom).add_((1 - mom) * param_q.detach().data)
    losses.append(loss.item())
    for name, v in student.state_dict().items():
        out[f"student{k}.{name}"] = v.numpy().astype(np.float32).copy()
    if k == len(STEPS) - 1:  # size: see the docstring
        for name, v in teacher.state_dict().items():
            out[f"teacher{k}.{name}"] = v.numpy().astype(np.float32).copy()
    out[f"center{k}"] = dino_loss.center.numpy().astype(np.float32).copy()
    print(f"step {k}: loss {loss.item():.6f}")

out["loss"] = np.array(losses, dtype=np.float64)
out["lr"] = np.array([s[1] for s in STEPS])
out["weight_decay"] = np.array([s[2] for s in STEPS])
out["momentum"] = np.array([s[3] for s in STEPS])
out["teacher_temp"] = np.array([s[4] for s in STEPS])
out["freeze_last_layer"] = np.array([int(s[0] < FREEZE_LAST_LAYER) for s in STEPS], dtype=np.int32)
defaults = optimizer.defaults
scalars = dict(student_temp=STUDENT_TEMP, center_momentum=CENTER_MOMENTUM, adam_beta1=defaults["betas"][0],
               adam_beta2=defaults["betas"][1], adam_eps=defaults["eps"], batch=BATCH, local_crops=LOCAL,
               patch=PATCH, embed=EMBED, depth=DEPTH, heads=HEADS, pos_image=POS_IMAGE, head_hidden=HIDDEN,
               head_bottleneck=BOTTLENECK, head_out=OUT)
out.update({k: np.array([v], dtype=np.float64) for k, v in scalars.items()})
path = os.path.join(out_dir, "dino_step_reference.npz")
np.savez_compressed(path, **out)
print(path, os.path.getsize(path), "bytes")
