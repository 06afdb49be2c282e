"""scikit-learn values for MetricsTest: top-k (tie rule), macro F1 over y ∪ ŷ, one-vs-rest AUC, confusion
matrix and ROC curve points, on random cases with ties and missing classes.

Usage: /usr/bin/python3 tools/mil/metrics_reference.py > src/test/resources/mil/metrics_reference.json
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.metrics import confusion_matrix, f1_score, roc_auc_score, roc_curve, top_k_accuracy_score


def case(name, y, p):
    c = p.shape[1]
    pred = np.argmax(p, axis=1)
    present = sorted(set(y.tolist()))
    per_class = {}
    for k in present:
        pos = (y == k)
        if pos.all():
            continue
        per_class[str(k)] = roc_auc_score(pos.astype(int), p[:, k])
    out = {
        "name": name, "y": y.tolist(), "p": p.tolist(), "classes": c,
        "top1": top_k_accuracy_score(y, p, k=1, labels=range(c)),
        "top3": top_k_accuracy_score(y, p, k=3, labels=range(c)),
        "top5": top_k_accuracy_score(y, p, k=5, labels=range(c)) if c > 5 else 1.0,
        "macroF1": f1_score(y, pred, average="macro"),
        "aucPerClass": per_class,
        "aucMacro": float(np.mean(list(per_class.values()))) if per_class else None,
        "confusion": confusion_matrix(y, pred, labels=np.arange(c)).tolist(),
        "roc": {},
    }
    if len(present) == c:
        # sklearn's own multi-class call only runs when every class is present; it must equal the mean above.
        out["aucSklearnOvr"] = roc_auc_score(y, p, multi_class="ovr")
    for k in present[:2]:
        if (y == k).all():
            continue
        fpr, tpr, _ = roc_curve((y == k).astype(int), p[:, k], drop_intermediate=False)
        out["roc"][str(k)] = {"fpr": fpr.tolist(), "tpr": tpr.tolist()}
    return out


def softmaxish(rng, n, c, levels=None):
    p = rng.random((n, c)) ** 3
    if levels:
        p = np.round(p * levels) / levels + 1e-9  # coarse values: many ties
        p[p.sum(axis=1) == 0] = 1
    return p / p.sum(axis=1, keepdims=True)


def main():
    rng = np.random.default_rng(7)
    cases = []
    y = rng.integers(0, 6, 60)
    cases.append(case("allPresent", y, softmaxish(rng, 60, 6)))
    y = rng.integers(0, 6, 40)
    cases.append(case("ties", y, softmaxish(rng, 40, 6, levels=3)))
    y = rng.choice([0, 1, 2, 4, 5], 30)  # class 3 never true
    cases.append(case("missingClass", y, softmaxish(rng, 30, 6)))
    # Exact ties across classes: uniform rows (top-k ranks the higher index first).
    y = np.array([0, 1, 2, 3, 4, 5, 0, 5])
    p = np.full((8, 6), 1 / 6)
    p[6] = [0.3, 0.3, 0.1, 0.1, 0.1, 0.1]
    p[7] = [0.1, 0.1, 0.1, 0.1, 0.3, 0.3]
    cases.append(case("uniformRows", y, p))
    y = rng.integers(0, 8, 50)
    cases.append(case("eightClasses", y, softmaxish(rng, 50, 8, levels=5)))
    json.dump({"generator": "tools/mil/metrics_reference.py", "sklearn": sklearn.__version__, "cases": cases},
              sys.stdout)


if __name__ == "__main__":
    main()
