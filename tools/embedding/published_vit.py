"""Loads the PUBLISHED dino/vision_transformer.py (LeiTong02/CLANet) from the local mirror at run time.

The published code is never copied into this repository: it is read with `git show` into a temporary
module. Its `from utils import trunc_normal_` is satisfied by a tiny stand-in module (only used for init).
"""
import os
import subprocess
import sys
import types

MIRROR = os.environ.get("CLANET_MIRROR", "/work/.mirror/LeiTong02+CLANet/repo")


def load():
    src = subprocess.check_output(["git", "-C", MIRROR, "show", "HEAD:dino/vision_transformer.py"]).decode()
    import torch
    utils = types.ModuleType("utils")

    def trunc_normal_(tensor, mean=0., std=1., a=-2., b=2.):
        with torch.no_grad():
            return torch.nn.init.trunc_normal_(tensor, mean, std, a, b)

    utils.trunc_normal_ = trunc_normal_
    sys.modules["utils"] = utils
    mod = types.ModuleType("published_vision_transformer")
    exec(compile(src, "published:dino/vision_transformer.py", "exec"), mod.__dict__)
    return mod


def multi_crop_wrapper():
    """The published dino/utils.py MultiCropWrapper class, read from the mirror (only that class: the rest of
    utils.py needs torch.distributed set up)."""
    import re
    import torch
    import torch.nn as nn
    src = subprocess.check_output(["git", "-C", MIRROR, "show", "HEAD:dino/utils.py"]).decode()
    m = re.search(r"^class MultiCropWrapper\b.*?(?=^(?:class|def) )", src, re.S | re.M)
    scope = {"torch": torch, "nn": nn}
    exec(compile(m.group(0), "published:dino/utils.py", "exec"), scope)
    return scope["MultiCropWrapper"]
