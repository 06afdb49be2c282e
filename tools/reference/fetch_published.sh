#!/bin/sh
# Copies the published CLANet mask/selection code out of the local git mirror into a scratch
# folder (never into the repository) and makes it importable on Python 3.11:
#  - cell_cluster_selection.py has `from __future__ import (division, print_function)` after other
#    imports, a SyntaxError on any Python 3; both features are the Python 3 default, so the block
#    is deleted. Nothing else is changed.
set -eu
MIRROR=${MIRROR:-/work/.mirror/LeiTong02+CLANet/repo}
DEST=${1:-/tmp/clanet_ref}
mkdir -p "$DEST"
git -C "$MIRROR" show HEAD:generate_binary_masks.py > "$DEST/generate_binary_masks.py"
git -C "$MIRROR" show HEAD:cell_cluster_selection.py \
  | python3 -c 'import sys,re; s=sys.stdin.read(); s=re.sub(r"from __future__ import \(\s*division,\s*print_function,\s*\)\n", "", s); sys.stdout.write(s)' \
  > "$DEST/cell_cluster_selection.py"
git -C "$MIRROR" rev-parse HEAD > "$DEST/PUBLISHED_COMMIT"
echo "published code at $DEST (commit $(cat "$DEST/PUBLISHED_COMMIT"))"
