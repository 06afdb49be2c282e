#!/usr/bin/env bash
# The whole pipeline on a dataset, end to end, with a pretrained and a random-weight encoder side by side, and the
# built-in texture statistics (no pretraining):
#   select -> pretrain (cpu preset) -> embed -> train (batch-separated) -> evaluate.
# Usage: [VARIANTS="pretrained random texture"] [SEED=0] tools/evidence/pipeline.sh DATASET WORKDIR [PRETRAIN_EPOCHS] [MIL_EPOCHS]
# Prints wall times and the evaluation tables; docs/BENCHMARKS.md quotes its output.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
data="$1"; work="$2"; pe="${3:-10}"; me="${4:-2000}"
jar="$here/target/clanet.jar"
cp_file="$work/cp.txt"
mkdir -p "$work"
(cd "$here" && mvn -B -o -q dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null)
cp="$here/target/classes:$here/target/test-classes:$(cat "$cp_file")"
t() { local s=$SECONDS; "$@"; echo "   ($(( SECONDS - s )) s: $*)" >&2; }
seed="${SEED:-0}"
for variant in ${VARIANTS:-pretrained random texture}; do
  d="$work/$variant"
  rm -rf "$d"; cp -r "$data" "$d"; rm -rf "$d/.clanet"
  echo "== $variant encoder on $data" >&2
  t java -jar "$jar" select "$d" > /dev/null
  if [ "$variant" = pretrained ]; then
    t java -jar "$jar" pretrain "$d" --preset cpu --epochs "$pe" --seed 0 | tail -3
    enc=""
  elif [ "$variant" = random ]; then
    t java -cp "$cp" org.clanet.workbench.embedding.bench.RandomEncoderMain "$work/random.npz" cpu 0
    enc="--encoder $work/random.npz"
  else
    enc="--encoder texture"
  fi
  t java -jar "$jar" embed "$d" $enc | tail -2
  t java -jar "$jar" train "$d" $enc --split batch-separated --epochs "$me" --seed "$seed" | tail -3
  t java -jar "$jar" evaluate "$d" | head -7
done
