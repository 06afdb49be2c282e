#!/bin/sh
# Small TIFF variants written by ImageMagick for TiffVariantsTest (committed under src/test/resources/imaging/tiff).
# All come from one 16-bit gray reference PNG; the test checks every TIFF decodes to the PNG's values.
set -eu
out=${1:-src/test/resources/imaging/tiff}
mkdir -p "$out"
convert -seed 7 -size 64x48 plasma:fractal -colorspace gray -depth 16 -define png:bit-depth=16 \
  -define png:color-type=0 "$out/ref16.png"
convert "$out/ref16.png" -depth 16 -compress lzw -define tiff:predictor=2 "$out/lzw-predictor-16.tif"
convert "$out/ref16.png" -depth 16 -compress zip -define tiff:predictor=1 "$out/zip-16.tif"
convert "$out/ref16.png" -depth 16 -compress zip -define tiff:predictor=2 "$out/zip-predictor-16.tif"
convert "$out/ref16.png" -depth 16 -compress rle "$out/packbits-16.tif"
convert "$out/ref16.png" -depth 16 -compress none -define tiff:endian=msb "$out/none-16-msb.tif"
convert "$out/ref16.png" -depth 8 -compress lzw -define tiff:predictor=2 "$out/lzw-predictor-8.tif"
convert "$out/ref16.png" -depth 8 -define png:bit-depth=8 -define png:color-type=0 "$out/ref8.png"
# libtiff warns about the floating-point predictor tag ImageMagick asks for, and writes the file without it
convert -seed 7 -size 16x8 plasma:fractal -colorspace gray -depth 32 -define quantum:format=floating-point "$out/float-32.tif" 2>/dev/null || test -s "$out/float-32.tif"
