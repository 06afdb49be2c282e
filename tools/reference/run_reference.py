#!/usr/bin/env python3
"""Reference masks and patches from the *published* CLANet code, for agreement tests.

Usage (Debian: apt-get install python3-skimage python3-opencv python3-scipy python3-natsort):

    tools/reference/fetch_published.sh /tmp/clanet_ref
    /usr/bin/python3 tools/reference/run_reference.py --published /tmp/clanet_ref \
        --out /tmp/ref /work/shared/real-images /work/shared/real-images-fullframe

For every *.tif/*.png/*.jpg under each input root it writes
    OUT/<root name>/<path relative to root>.png   the published mask, 0/255 (uint8)
    OUT/patches.json   {"<root name>/<rel path>": [[x, y, w, h, confluency], ...]}  rank order
    OUT/timing.json    seconds per image for mask and for selection (published code, 1 thread)

How the published functions are called (this file is ours, the functions are theirs):
  * Loading. skimage.io.imread(path, as_gray=True) is what the published code uses. It returns
    the raw uint8 array for an 8-bit gray file. The LIVECell TIFFs are LZW-compressed and
    Debian's tifffile cannot decode LZW without `imagecodecs` (not packaged), so 8-bit gray
    files are read with Pillow into the identical uint8 array. Anything else (RGB, 16-bit)
    goes through skimage.io.imread(as_gray=True) unchanged.
  * 1408x1040 (or 1280x944) frames, the INCUCYTE preset: the published functions are called
    unchanged: generate_masks_for_cell_images(path) and find_patches(path, mask_png_path)
    (imread is pointed at the loader above for the duration of the call).
  * Any other size, the GENERIC preset (no resize, no crop): generate_masks_for_cell_images
    asserts 1408x1040 and crops 150 rows, so `generic_mask` below repeats its body line by line
    without the assert and the crop, calling the published threshold_canny_masks,
    combine_two_masks, combine_three_masks and the same skimage calls; the patches come from
    the published cluster_selection(gray2rgb(im), mask, (112, 112), (w, h), 40, 20), i.e.
    find_patches without the crop.
"""
import argparse
import json
import os
import sys
import time

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--published', required=True, help='folder with the published .py files')
    ap.add_argument('--out', required=True)
    ap.add_argument('--limit', type=int, default=0, help='only the first N images (0 = all)')
    ap.add_argument('roots', nargs='+')
    args = ap.parse_args()
    sys.path.insert(0, args.published)

    import skimage
    import skimage.io
    from skimage import exposure, morphology
    from skimage.color import gray2rgb
    from PIL import Image
    import generate_binary_masks as gbm
    import cell_cluster_selection as ccs

    real_imread = skimage.io.imread

    def load(path, as_gray=True, **kw):
        with Image.open(path) as pil:
            if pil.mode == 'L':
                return np.asarray(pil).copy()
        return real_imread(path, as_gray=as_gray, **kw)

    def generic_mask(im):
        # body of generate_binary_masks.generate_masks_for_cell_images without assert and crop
        p2, p98 = np.percentile(im, (0.2, 99.8))
        im_enhanced = exposure.rescale_intensity(im, in_range=(p2, p98))
        im_threshold_mask, mask_edges = gbm.threshold_canny_masks(im, im_enhanced, 'generic')
        first_combined_mask = gbm.combine_two_masks(mask_edges, im_threshold_mask)
        combined_mask_array = [first_combined_mask]
        for i in range(10):
            combined_mask = gbm.combine_three_masks(im_threshold_mask, mask_edges, combined_mask_array[i])
            cost_value = np.mean(combined_mask != combined_mask_array[i])
            combined_mask_array.append(combined_mask)
            if cost_value < 0.0001:
                break
        return morphology.remove_small_objects(morphology.remove_small_holes(combined_mask_array[-1]), 10 * 10)

    os.makedirs(args.out, exist_ok=True)
    patches, timing = {}, {}
    files = []
    for root in args.roots:
        root = os.path.abspath(root)
        for d, _, names in os.walk(root):
            for n in names:
                if n.lower().endswith(('.tif', '.tiff', '.png', '.jpg', '.jpeg')):
                    p = os.path.join(d, n)
                    files.append((os.path.basename(root) + '/' + os.path.relpath(p, root).replace(os.sep, '/'), p))
    files.sort()
    if args.limit:
        files = files[:args.limit]
    gbm.skimage.io.imread = load  # the published modules call skimage.io.imread
    ccs.skimage.io.imread = load
    for i, (key, path) in enumerate(files):
        im = load(path)
        out_png = os.path.join(args.out, os.path.splitext(key)[0] + '.png')
        os.makedirs(os.path.dirname(out_png), exist_ok=True)
        t0 = time.perf_counter()
        if im.shape in ((1040, 1408), (944, 1280)):
            mask = gbm.generate_masks_for_cell_images(path)
            preset = 'INCUCYTE_1408x1040'
        else:
            mask = generic_mask(im)
            preset = 'GENERIC'
        t1 = time.perf_counter()
        mask_u8 = skimage.img_as_ubyte(mask)
        Image.fromarray(mask_u8).save(out_png)
        t2 = time.perf_counter()
        if preset == 'GENERIC':
            rgb = gray2rgb(im) if im.ndim != 3 else im
            _, regions = ccs.cluster_selection(rgb, mask_u8, (112, 112), (im.shape[1], im.shape[0]),
                                               bb_num_limit=40, final_region=20)
        else:
            regions = ccs.find_patches(path, out_png)
        t3 = time.perf_counter()
        patches[key] = [[int(r['rect'][0]), int(r['rect'][1]), int(r['rect'][2]), int(r['rect'][3]),
                         float(r['confluency'])] for r in regions]
        timing[key] = {'preset': preset, 'mask_s': t1 - t0, 'selection_s': t3 - t2,
                       'dtype': str(im.dtype), 'shape': list(im.shape)}
        print(f'{i + 1}/{len(files)} {key} {preset} mask {t1 - t0:.2f}s selection {t3 - t2:.2f}s '
              f'{len(regions)} patches', flush=True)
    with open(os.path.join(args.out, 'patches.json'), 'w') as f:
        json.dump(patches, f, indent=0)
    with open(os.path.join(args.out, 'timing.json'), 'w') as f:
        json.dump(timing, f, indent=1)


if __name__ == '__main__':
    main()
