#!/bin/bash
# docs/screenshots/screen-{1280x720,1600x1000}-{inspector,selection,patches}.png under Xvfb, on a copy of sample-data.
# Build first: mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
set -eu
cp=target/classes:target/test-classes:$(cat target/cp.txt)
data=$(mktemp -d)/sample-data
cp -r sample-data "$data"
for size in 1280x720 1600x1000; do
  xvfb-run -a -s "-screen 0 ${size}x24" java -Dclanet.home="$(dirname "$data")/home" -Dprism.order=sw \
    -cp "$cp" org.clanet.workbench.app.selection.ScreenSizeShots "$data" C12 3 docs/screenshots
done
