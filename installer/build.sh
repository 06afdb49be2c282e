#!/usr/bin/env bash
# Builds the CLANet Workbench installer with JDK 17's jpackage: a Linux app-image (a folder that runs as it
# is) and a .deb, both with their own trimmed Java runtime, JavaFX, OpenCV and the PyTorch CPU natives.
#
#   installer/build.sh                    # mvn package, then app-image + .deb
#   installer/build.sh --type app-image   # app-image only (seconds; what installer/smoke-test.sh uses)
#   installer/build.sh --no-maven         # reuse target/clanet.jar and target/lib (the Maven profile does this)
#
# Output (target/ is git-ignored):
#   target/installer/CLANetWorkbench/                  the app-image: bin/CLANetWorkbench, bin/clanet
#   target/installer/clanet-workbench_<ver>-1_amd64.deb
#
# Environment: JPACKAGE_JDK (a JDK 17 with jmods; default: $JAVA_HOME if it is one, else
# /usr/lib/jvm/java-17-openjdk-amd64), MVN_FLAGS (extra flags for mvn, e.g. -o), INSTALLER_VERSION,
# DPKG_DEB_COMPRESSOR_TYPE (gzip by default; xz: ~6% smaller, ~15x slower), JPACKAGE_VERBOSE=1.
# Layout, module list and flags are explained in docs/INSTALL.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TYPE=all
RUN_MAVEN=1
while [ $# -gt 0 ]; do
  case "$1" in
    --type) TYPE=$2; shift 2 ;;
    --type=*) TYPE=${1#--type=}; shift ;;
    --no-maven) RUN_MAVEN=0; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
case "$TYPE" in app-image|deb|all) ;; *) echo "build.sh: --type must be app-image, deb or all" >&2; exit 2 ;; esac

APP_NAME=CLANetWorkbench                 # launcher and app-image folder name (no spaces: shell- and .desktop-safe)
PKG_NAME=clanet-workbench                # Debian package name
INSTALL_DIR=/opt/$PKG_NAME               # where the .deb puts the app-image (jpackage: /opt/<package name>)
MAIN_CLASS=org.clanet.workbench.Launcher
VENDOR="CLANet Workbench"
DESCRIPTION="Identify cell lines from time-lapse brightfield images (CLANet), with visual QA of masks, patches and attention"
MENU_GROUP="Science;Biology;Education;"
# Java modules of the trimmed runtime. jdeps on the jars finds java.base, java.compiler (DJL's
# ClassLoaderUtils), java.desktop, java.logging, java.management, java.naming (logback), java.sql and java.xml;
# jdk.unsupported (sun.misc.Unsafe: JavaFX, JNA, sqlite) and java.net.http are named for the stack; jdk.zipfs
# is a file-system provider no static analysis sees. The JavaFX modules pull in java.scripting (fxml) and
# jdk.unsupported.desktop (swing) themselves.
MODULES=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.unsupported,jdk.zipfs,javafx.controls,javafx.fxml,javafx.swing
# Flags every launcher passes to the JVM (bin/CLANetWorkbench and bin/clanet alike).
JAVA_OPTIONS=(
  # DJL: never reach the network, no telemetry (RuntimeSetup puts DJL_CACHE_DIR under the user's data folder).
  -Dai.djl.offline=true
  -DOPT_OUT_TRACKING=true
  # JavaFX is in the runtime as named modules, so these ControlsFX needs (auto-completion, SpreadsheetView,
  # TableFilter) are real exports to the class path, not ignored ones.
  --add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED
  --add-exports=javafx.controls/com.sun.javafx.scene.control.behavior=ALL-UNNAMED
  --add-opens=javafx.controls/javafx.scene.control.skin=ALL-UNNAMED
  # Training holds images and embeddings on the heap; libtorch's memory is outside it.
  -XX:MaxRAMPercentage=50
)

log() { if [ -t 1 ]; then printf '\033[1m[installer]\033[0m %s\n' "$*"; else printf '[installer] %s\n' "$*"; fi; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

is_jdk17() { [ -x "$1/bin/jpackage" ] && [ -f "$1/jmods/java.base.jmod" ] && grep -q '^JAVA_VERSION="17' "$1/release" 2>/dev/null; }
JDK=${JPACKAGE_JDK:-}
if [ -z "$JDK" ]; then
  if [ -n "${JAVA_HOME:-}" ] && is_jdk17 "$JAVA_HOME"; then JDK=$JAVA_HOME
  elif is_jdk17 /usr/lib/jvm/java-17-openjdk-amd64; then JDK=/usr/lib/jvm/java-17-openjdk-amd64
  elif command -v javac >/dev/null && is_jdk17 "$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"; then
    JDK=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  fi
fi
[ -n "$JDK" ] && is_jdk17 "$JDK" || die "need a JDK 17 with bin/jpackage and jmods/ (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless openjdk-17-jmods); set JPACKAGE_JDK"

TARGET=$ROOT/target
OUT=$TARGET/installer
WORK=$OUT/work
T_ALL=$(now)

if [ "$RUN_MAVEN" = 1 ]; then
  log "mvn package (tests skipped)"
  (cd "$ROOT" && mvn -B -q ${MVN_FLAGS:-} package -DskipTests)
fi
[ -f "$TARGET/clanet.jar" ] && [ -d "$TARGET/lib" ] || die "target/clanet.jar or target/lib missing: run mvn -B package -DskipTests first"

VERSION=${INSTALLER_VERSION:-$(sed -n 's:^  <version>\([^<]*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)}
VERSION=${VERSION%%-*}                   # jpackage wants 1-3 numbers: 0.1.0-SNAPSHOT -> 0.1.0
[[ "$VERSION" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || die "cannot use version '$VERSION' (set INSTALLER_VERSION=1.2.3)"

# ---- 1. stage: jars for the class path, JavaFX for the runtime, sample data ------------------------------
T=$(now)
rm -rf "$WORK/input" "$WORK/javafx" "$WORK/runtime" "$WORK/resource-dir"
mkdir -p "$WORK/input/lib" "$WORK/javafx" "$WORK/cache"
cp "$TARGET/clanet.jar" "$WORK/input/"
for jar in "$TARGET"/lib/*.jar; do
  name=$(basename "$jar")
  case "$name" in
    javafx-*-linux.jar) cp "$jar" "$WORK/javafx/" ;;          # -> jlinked into the runtime
    javafx-*.jar) ;;                                          # classifier-less placeholders: empty, skipped
    opencv-*.jar|sqlite-jdbc-*.jar)
      # Linux x86-64 natives only (OpenCV 107 -> 25 MB, sqlite-jdbc 12 -> 0.8 MB); cached across builds.
      slim=$WORK/cache/$name
      if [ ! -f "$slim" ] || [ "$jar" -nt "$slim" ]; then
        "$JDK/bin/java" "$ROOT/installer/tools/SlimJar.java" "$jar" "$slim" \
          '^nu/pattern/opencv/(osx|windows)/.*' '^nu/pattern/opencv/linux/(?!x86_64/).*' \
          '^org/sqlite/native/(?!Linux/x86_64/).+'
      fi
      cp "$slim" "$WORK/input/lib/" ;;
    *) cp "$jar" "$WORK/input/lib/" ;;
  esac
done
ls "$WORK"/javafx/javafx-graphics-*-linux.jar >/dev/null 2>&1 || die "no javafx-graphics-*-linux.jar in target/lib"
if [ -d "$ROOT/sample-data" ]; then
  cp -r "$ROOT/sample-data" "$WORK/input/sample-data"        # the workbench opens it on first run
else
  log "note: no sample-data/ in the repository yet; the package ships without it"
fi
log "staged in $(since "$T") s"

# ---- 2. the runtime: jlink the JDK modules and the JavaFX jars as modules --------------------------------
T=$(now)
"$JDK/bin/jlink" --module-path "$JDK/jmods:$WORK/javafx" --add-modules "$MODULES" \
  --strip-debug --no-man-pages --no-header-files --output "$WORK/runtime"
# JavaFX's natives travel inside javafx-graphics as resources; put them where the JVM looks for libraries
# (runtime/lib) so JavaFX loads them in place instead of unpacking a copy per user.
fxg=$(ls "$WORK"/javafx/javafx-graphics-*-linux.jar)
mapfile -t fxso < <("$JDK/bin/jar" tf "$fxg" | grep -E '^[^/]+\.so$')
(cd "$WORK/runtime/lib" && "$JDK/bin/jar" xf "$fxg" "${fxso[@]}")
log "runtime ($(du -sh "$WORK/runtime" | cut -f1)) in $(since "$T") s"

# ---- 3. the app-image -------------------------------------------------------------------------------------
T=$(now)
jopts=()
for o in "${JAVA_OPTIONS[@]}"; do jopts+=(--java-options "$o"); done
rm -rf "${OUT:?}/$APP_NAME"
"$JDK/bin/jpackage" --type app-image --dest "$OUT" --name "$APP_NAME" --app-version "$VERSION" \
  --vendor "$VENDOR" --description "$DESCRIPTION" --copyright "CLANet Workbench authors" \
  --icon "$ROOT/resources/icons/clanet.png" \
  --input "$WORK/input" --main-jar clanet.jar --main-class "$MAIN_CLASS" \
  --runtime-image "$WORK/runtime" "${jopts[@]}" \
  --add-launcher "clanet=$ROOT/installer/clanet.properties"
IMG=$OUT/$APP_NAME
T_IMAGE=$(since "$T")
log "app-image $IMG: $(du -sh "$IMG" | cut -f1) in $T_IMAGE s"

# ---- 4. the .deb (from the app-image) ----------------------------------------------------------------------
if [ "$TYPE" != app-image ]; then
  command -v fakeroot >/dev/null || die "the .deb needs fakeroot and dpkg-deb (apt-get install fakeroot)"
  T=$(now)
  RES=$WORK/resource-dir
  mkdir -p "$RES"
  for f in postinst prerm; do
    sed "s#@INSTALL_DIR@#$INSTALL_DIR#g" "$ROOT/installer/linux/$f" > "$RES/$f"
  done
  # Menu entries: the workbench, and (JDK 17's jpackage gives every launcher one) a hidden one for the CLI.
  cp "$ROOT/resources/linux/clanet-workbench.desktop" "$RES/$APP_NAME.desktop"
  cp "$ROOT/resources/linux/clanet-cli.desktop" "$RES/clanet.desktop"
  rm -f "$OUT/${PKG_NAME}_"*.deb
  # gzip: 16 s and ~10 MB more than dpkg-deb's default xz (~4 min on 2 busy cores); the jars are compressed already.
  export DPKG_DEB_COMPRESSOR_TYPE=${DPKG_DEB_COMPRESSOR_TYPE:-gzip}
  "$JDK/bin/jpackage" --type deb --app-image "$IMG" --dest "$OUT" --name "$APP_NAME" --app-version "$VERSION" \
    --vendor "$VENDOR" --description "$DESCRIPTION" --icon "$ROOT/resources/icons/clanet.png" \
    --linux-package-name "$PKG_NAME" --linux-app-release 1 --linux-app-category science \
    --linux-deb-maintainer "clanet@localhost" --linux-package-deps libgtk-3-0 \
    --linux-shortcut --linux-menu-group "$MENU_GROUP" --install-dir /opt \
    --resource-dir "$RES" ${JPACKAGE_VERBOSE:+--verbose}
  DEB=$(ls "$OUT/${PKG_NAME}_"*.deb)
  log ".deb $DEB: $(du -h "$DEB" | cut -f1) in $(since "$T") s"
fi
log "done in $(since "$T_ALL") s"
