"""Reference for the instance-level loss term (an addition to the published MIL training, docs/MIL.md).

Starts from the published aggregator and bags stored in mil_reference.npz (make_mil_reference.py), then takes two
SGD steps (momentum 0.9, weight decay 5e-4, one minibatch of the three bags) with the loss
    sum over bags of  w/sum(w) * ( CE(bag logits) + lam * mean over instances CE(classifier(instance)) )
and stores the losses and the weights after the steps (first 4 rows of the 128 x 1536 matrices).

Usage: /usr/bin/python3 tools/mil/make_instance_loss_reference.py src/test/resources/mil/mil_reference.npz \
           src/test/resources/mil/instance_loss_reference.npz
"""
import sys

import numpy as np
import torch

sys.path.insert(0, __import__("os").path.dirname(__file__))
import published  # noqa: E402


def main(reference, out):
    ref = np.load(reference)
    ns = {}
    exec(published.source("models/MIL_aggregator.py"), ns)
    net = ns["GatedAttention"](5)
    net.load_state_dict({k[len("model."):]: torch.from_numpy(ref[k]) for k in ref.files if k.startswith("model.")})
    bags = [torch.from_numpy(ref[f"bag{i}"]) for i in range(3)]
    targets = [2, 0, 4]
    weights = [1.0, 0.75, 1.3]
    lam = 10.0
    lr = 0.01
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    crit = torch.nn.CrossEntropyLoss()
    net.train()
    losses = []
    for step in range(2):
        wsum = sum(weights)
        total = 0.0
        for x, t, w in zip(bags, targets, weights):
            logits, _, _ = net(x)
            instance = crit(net.classifier(x), torch.full((x.shape[0],), t, dtype=torch.long))
            loss = (crit(logits, torch.tensor([t])) + lam * instance) * w / wsum
            loss.backward()
            total += loss.item()
        opt.step()
        opt.zero_grad()
        losses.append(total)
    arrays = {"lambda": np.array([lam], dtype=np.float32), "lr": np.array([lr], dtype=np.float32),
              "targets": np.array(targets, dtype=np.float32), "weights": np.array(weights, dtype=np.float32),
              "losses": np.array(losses, dtype=np.float32)}
    for k, v in net.state_dict().items():
        v = v.numpy()
        arrays["step2." + k] = v[:4].copy() if v.shape[0] == 128 and v.ndim == 2 else v.copy()
    np.savez_compressed(out, **arrays)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
