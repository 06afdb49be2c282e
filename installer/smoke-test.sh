#!/usr/bin/env bash
# Proof that the installer works, for CI: builds the app-image (installer/build.sh --type app-image) and runs it
# from its own trimmed runtime, as a user with an empty home folder would, with no network:
#   1. bin/clanet --version and bin/clanet scan <app>/lib/app/sample-data --json (the bundled sample data;
#      an empty folder while the repository has none), compared with the same scan by the development build;
#   2. bin/clanet info (engine and device), and installer/probe/PackageProbe on the packaged runtime and jars:
#      SQLite, OpenCV and the PyTorch engine load, libtorch unpacks under the user's data folder
#      (~/.local/share/clanet/...), nothing lands in ~/.djl.ai or ~/.openjfx;
#   3. with --gui (needs xvfb-run): the probe's ControlsFX window, then bin/CLANetWorkbench for a few seconds,
#      with a screenshot in target/installer/smoke-gui.png when ImageMagick's import is there.
#
#   installer/smoke-test.sh [--gui] [--no-build]     (needs target/clanet.jar: mvn -B package or verify first)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
GUI=0
BUILD=1
for a in "$@"; do
  case "$a" in
    --gui) GUI=1 ;;
    --no-build) BUILD=0 ;;
    *) echo "smoke-test.sh: unknown option $a" >&2; exit 2 ;;
  esac
done
OUT=$ROOT/target/installer
IMG=$OUT/CLANetWorkbench
fail() { echo "SMOKE FAIL: $*" >&2; exit 1; }
ok() { echo "smoke ok: $*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

if [ "$BUILD" = 1 ]; then
  T=$(now)
  if [ -f "$ROOT/target/clanet.jar" ]; then "$ROOT/installer/build.sh" --type app-image --no-maven
  else "$ROOT/installer/build.sh" --type app-image; fi
  ok "app-image built in $(since "$T") s, $(du -sh "$IMG" | cut -f1)"
fi
[ -x "$IMG/bin/clanet" ] || fail "no $IMG/bin/clanet"

# A fresh user: empty home. Java takes user.home from the password database, not from $HOME, so it is
# passed to the JVM too (the launchers honour JAVA_TOOL_OPTIONS like any JVM).
H=$(mktemp -d)
PWHOME=$(getent passwd "$(id -u)" | cut -d: -f6 || echo "$HOME")
trap 'rm -rf "$H"' EXIT
had_djl=0; [ -e "$PWHOME/.djl.ai" ] && had_djl=1
had_ofx=0; [ -e "$PWHOME/.openjfx" ] && had_ofx=1
run_as_user() { env -u XDG_DATA_HOME -u PYTORCH_LIBRARY_PATH -u DJL_CACHE_DIR HOME="$H" JAVA_TOOL_OPTIONS="-Duser.home=$H" "$@"; }

# ---- 1. the command line from the package --------------------------------------------------------------
v=$(run_as_user "$IMG/bin/clanet" --version 2>/dev/null)
[[ "$v" == "CLANet Workbench"* ]] || fail "clanet --version said: $v"
ok "bin/clanet --version: $v"

DATA=$IMG/lib/app/sample-data
if [ ! -d "$DATA" ]; then
  echo "smoke: the package has no sample-data/ yet: scanning an empty folder instead"
  DATA=$H/empty; mkdir -p "$DATA"
fi
T=$(now)
run_as_user "$IMG/bin/clanet" scan "$DATA" --json > "$H/scan.json" 2> "$H/scan.err" \
  || { cat "$H/scan.err" >&2; fail "clanet scan exited $?"; }
count() { sed -n "s/^  \"$1\" : \([0-9]*\),*$/\1/p" "$2" | head -1; }
images=$(count images "$H/scan.json"); lines=$(count cellLines "$H/scan.json"); seqs=$(count sequences "$H/scan.json")
[ -n "$images" ] && [ -n "$lines" ] || { head -c 2000 "$H/scan.json" >&2; fail "scan --json has no image/cell-line counts"; }
ok "bin/clanet scan $(basename "$DATA") --json in $(since "$T") s: $lines cell lines, $seqs sequences, $images images"
if [ "$DATA" = "$IMG/lib/app/sample-data" ]; then
  [ "$images" -gt 0 ] || fail "the bundled sample data has no readable images"
  if [ -f "$ROOT/target/clanet.jar" ] && [ -d "$ROOT/sample-data" ]; then
    # Same code, same results: the development build scanning the repository's copy.
    run_as_user java -jar "$ROOT/target/clanet.jar" scan "$ROOT/sample-data" --json 2>/dev/null > "$H/dev.json"
    diff <(grep -v '"root"' "$H/scan.json") <(grep -v '"root"' "$H/dev.json") >/dev/null \
      || fail "the packaged scan differs from java -jar target/clanet.jar scan sample-data"
    ok "same scan result as java -jar target/clanet.jar"
  fi
fi

# The engine as the command line reports it (clanet info: engine, device, data and DJL cache folders).
if run_as_user "$IMG/bin/clanet" --help 2>/dev/null | grep -qE '^ +info '; then
  T=$(now)
  run_as_user "$IMG/bin/clanet" info > "$H/info.txt" 2> "$H/info.err" \
    || { cat "$H/info.txt" "$H/info.err" >&2; fail "clanet info exited non-zero (engine not available?)"; }
  engine=$(sed -n 's/^Engine: *//p' "$H/info.txt" | head -1)
  djl=$(sed -n 's/^DJL cache: *//p' "$H/info.txt" | head -1)
  [[ "$engine" == PyTorch* ]] || { cat "$H/info.txt" >&2; fail "clanet info: engine '$engine'"; }
  [[ "$djl" == "$H/.local/share/clanet/"* ]] || fail "clanet info: DJL cache '$djl' is not under ~/.local/share/clanet"
  ok "bin/clanet info in $(since "$T") s: $engine, DJL cache ~/${djl#"$H"/}"
fi

# ---- 2. every native part of the stack loads from the package, caches in the user's data folder ----------
command -v javac >/dev/null || fail "javac needed to compile installer/probe/PackageProbe.java"
PROBE=$OUT/probe
rm -rf "$PROBE"; mkdir -p "$PROBE"
CP="$IMG/lib/app/clanet.jar:$(ls "$IMG"/lib/app/lib/*.jar | tr '\n' ':')"
javac --release 17 -nowarn -d "$PROBE" -cp "$CP" --module-path "$OUT/work/javafx" --add-modules javafx.controls \
  "$ROOT/installer/probe/PackageProbe.java"
mapfile -t JOPTS < <(sed -n 's/^java-options=//p' "$IMG/lib/app/CLANetWorkbench.cfg")
T=$(now)
run_as_user "$IMG/lib/runtime/bin/java" "${JOPTS[@]}" -cp "$IMG/lib/app/clanet.jar:$PROBE" PackageProbe \
  > "$H/probe.txt" 2> "$H/probe.err" || { cat "$H/probe.txt" "$H/probe.err" >&2; fail "probe exited non-zero"; }
get() { sed -n "s/^$1=//p" "$H/probe.txt" | head -1; }
[ "$(get probe)" = ok ] || fail "probe did not finish"
[ "$(get engine.available)" = true ] || fail "PyTorch engine did not load: $(get engine.detail)"
[ "$(get engine.matmul)" = 54.0 ] || fail "engine computed $(get engine.matmul), expected 54.0"
case "$(get libtorch.dir)" in
  "$H/.local/share/clanet/"*) ;;
  *) fail "libtorch unpacked to $(get libtorch.dir), not under ~/.local/share/clanet" ;;
esac
[ -e "$H/.djl.ai" ] && fail "DJL wrote ~/.djl.ai"
[ -e "$H/.openjfx" ] && fail "JavaFX wrote ~/.openjfx"
torchdir=$(get libtorch.dir)
ok "probe in $(since "$T") s on the packaged runtime ($(get modules) modules): sqlite $(get sqlite), opencv $(get opencv | cut -d' ' -f1), $(get engine) (first load $(get engine.load_ms) ms), libtorch in ~/${torchdir#"$H"/}"

# ---- 3. the window (optional) -------------------------------------------------------------------------------
if [ "$GUI" = 1 ]; then
  command -v xvfb-run >/dev/null || fail "--gui needs xvfb-run (apt-get install xvfb)"
  run_as_user xvfb-run -a -s "-screen 0 1600x1000x24" "$IMG/lib/runtime/bin/java" "${JOPTS[@]}" \
    -cp "$IMG/lib/app/clanet.jar:$PROBE" PackageProbe --gui > "$H/gui.txt" 2>&1 \
    || { cat "$H/gui.txt" >&2; fail "GUI probe failed"; }
  grep -q '^gui=ok' "$H/gui.txt" || { cat "$H/gui.txt" >&2; fail "GUI probe failed"; }
  ok "JavaFX $(sed -n 's/^javafx.version=//p' "$H/gui.txt") window with ControlsFX auto-completion, SpreadsheetView, TableFilter"
  SHOT=$OUT/smoke-gui.png
  rm -f "$SHOT"
  # The workbench itself: still running after 15 s counts as started; a screenshot shows what it drew.
  run_as_user xvfb-run -a -s "-screen 0 1600x1000x24" sh -c '
    "$1" > "$2/gui-launcher.txt" 2>&1 & pid=$!
    sleep 15
    if command -v import >/dev/null; then import -window root "$3" 2>/dev/null || true; fi
    if kill -0 $pid 2>/dev/null; then kill $pid; wait $pid 2>/dev/null; echo running; else wait $pid; echo "exited $?"; fi
  ' sh "$IMG/bin/CLANetWorkbench" "$H" "$SHOT" > "$H/gui-state.txt"
  state=$(cat "$H/gui-state.txt")
  case "$state" in
    running) ok "bin/CLANetWorkbench was running after 15 s${SHOT:+ (screenshot: $SHOT)}" ;;
    "exited 0") ok "bin/CLANetWorkbench exited 0 (no workbench window yet: it printed $(wc -l < "$H/gui-launcher.txt") lines)" ;;
    *) cat "$H/gui-launcher.txt" >&2; fail "bin/CLANetWorkbench $state" ;;
  esac
fi

# Nothing of ours in the real home either.
[ "$had_djl" = 0 ] && [ -e "$PWHOME/.djl.ai" ] && fail "something wrote $PWHOME/.djl.ai"
[ "$had_ofx" = 0 ] && [ -e "$PWHOME/.openjfx" ] && fail "something wrote $PWHOME/.openjfx"
ok "installer smoke test passed"
