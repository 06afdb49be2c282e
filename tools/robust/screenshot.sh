#!/bin/bash
# Screenshot of the workbench on sample-data under Xvfb: tools/robust/screenshot.sh 1280x720 out.png [wait-s]
# (build first: mvn -B -o -q package -DskipTests)
set -eu
size=$1; out=$2; wait=${3:-14}
xvfb-run -a -s "-screen 0 ${size}x24" bash -c "
  java -Dclanet.home=\${TMPDIR:-/tmp}/clanet-shot-home -jar target/clanet.jar --dataset sample-data &
  pid=\$!
  sleep $wait
  import -window root '$out'
  kill \$pid
"
