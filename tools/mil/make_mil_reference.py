"""Reference outputs of the published gated-attention aggregator, for GatedAttentionParityTest.

Builds models/MIL_aggregator.py's GatedAttention from the mirror at run time (L = 1536, D = 128), seeded
default init, 5 classes; runs a few random bags (N = 10, 40, 250) and two published training steps
(SGD momentum 0.9, weight decay 5e-4, per bag CE * w / sum(w), backward per bag, one step per minibatch).
Weights and inputs are rounded to short binary fractions (exact in float32) so the compressed archive stays
small; the keys carry the published checkpoint's 'model.' prefix, as a converted .pth would.

Usage: /usr/bin/python3 tools/mil/make_mil_reference.py src/test/resources/mil/mil_reference.npz
"""
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, __import__("os").path.dirname(__file__))
import published  # noqa: E402


def main(out):
    ns = {}
    exec(published.source("models/MIL_aggregator.py"), ns)
    torch.manual_seed(0)
    net = ns["GatedAttention"](5)
    with torch.no_grad():
        for p in net.parameters():
            p.copy_(torch.round(p * 512) / 512)
    rng = np.random.default_rng(1)
    sizes = [10, 40, 250]
    bags = [np.clip(np.round(rng.standard_normal((n, 1536)) * 4) / 4, -3, 3).astype(np.float32) for n in sizes]
    arrays = {}
    for k, v in net.state_dict().items():
        arrays["model." + k] = v.numpy().copy()
    arrays["classes"] = np.array(["A549", "MCF7", "HeLa", "SK-N-SH", "Huh7"])
    net.eval()
    with torch.no_grad():
        for i, x in enumerate(bags):
            logits, m, a = net(torch.from_numpy(x))
            arrays[f"bag{i}"] = x
            arrays[f"prob{i}"] = F.softmax(logits, dim=1).numpy()[0]
            arrays[f"attention{i}"] = a.numpy()[0]
            arrays[f"bagvector{i}"] = m.numpy()[0]
    # Two published training steps on the three bags (one minibatch each step), targets and weights fixed.
    targets = [2, 0, 4]
    weights = [1.0, 0.75, 1.3]
    lr = 0.05  # larger than the published 5e-4 so the step is far above float32 noise in the comparison
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    crit = torch.nn.CrossEntropyLoss(reduction="none")
    net.train()
    losses = []
    for step in range(2):
        wsum = sum(weights)
        total = 0.0
        for x, t, w in zip(bags, targets, weights):
            logits, _, _ = net(torch.from_numpy(x))
            loss = crit(logits, torch.tensor([t])).sum() * w / wsum
            loss.backward()
            total += loss.item()
        opt.step()
        opt.zero_grad()
        losses.append(total)
    arrays["train_targets"] = np.array(targets, dtype=np.float32)
    arrays["train_weights"] = np.array(weights, dtype=np.float32)
    arrays["train_lr"] = np.array([lr], dtype=np.float32)
    arrays["train_losses"] = np.array(losses, dtype=np.float32)
    for k, v in net.state_dict().items():
        v = v.numpy()
        arrays["step2." + k] = v[:4].copy() if v.shape[0] == 128 and v.ndim == 2 else v.copy()
    np.savez_compressed(out, **arrays)


if __name__ == "__main__":
    main(sys.argv[1])
