#!/usr/bin/env bash
# DJL ViT vs the published PyTorch ViT, same presets, same batch, one after the other in one run.
#   tools/embedding/speed_side_by_side.sh [batch] [presets...]      (run from the repository root)
#   NO_STEP=1 ... measures extraction only.
# Needs: mvn -B -o test-compile (for target/test-classes) and Debian's /usr/bin/python3 with torch.
set -euo pipefail
BATCH=${1:-32}; shift || true
PRESETS=("${@:-cpu tiny/16 small/8}")
[ -f target/emb_cp.txt ] || mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/emb_cp.txt -Dmdep.includeScope=test
CP=${EMB_CLASSES:-target/classes:target/test-classes}:$(cat target/emb_cp.txt)
for p in ${PRESETS[@]}; do
  echo "# $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) preset $p batch $BATCH"
  /usr/bin/python3 tools/embedding/vit_speed.py "$p" --batch "$BATCH" --threads 2 ${NO_STEP:+--no-step} 2>&1 | grep -v Warning
  java -Xmx6g -Dspeed.noStep=${NO_STEP:+true} -Dai.djl.offline=true -DDJL_CACHE_DIR=target/test-home/djl -DENGINE_CACHE_DIR=target/test-home/djl \
       -Dclanet.home=target/test-home -cp "$CP" org.clanet.workbench.embedding.bench.SpeedBench "$BATCH" "$p" 2>&1 | grep -v WARN
done
