package org.clanet.workbench.dataset.synthetic;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws one frame of a position as an 8-bit phase-contrast image.
 *
 * <p>Cells are first drawn as an optical-thickness map: each pixel belongs to the cell whose outline it lies
 * deepest inside (so touching cells pack into polygons), with a body profile, nucleus, nucleoli, granules,
 * cytoplasmic mottling, junction lines and thin processes; debris and a faint static pattern of the flask
 * are added. Phase-contrast optics are approximated by a high-pass of that map (dark rims inside objects,
 * bright halos outside them, strongest for thick rounded cells) plus a small absorption term. Then the
 * batch's optics: defocus blur, illumination level, gradient and vignetting, contrast gain and sensor noise.
 * One instance per position: it owns the buffers and the position's static debris; not thread-safe.
 */
final class PhaseContrastRenderer {

    private static final int NB = CellPopulation.OUTLINE_BINS;
    private static final float HALO_SIGMA = 1.5f;
    private static final float PHASE_GAIN = 1.1f;
    private static final float SHADE_SIGMA = 5f;
    private static final float SHADE_GAIN = 0.25f;
    private static final float ABSORPTION = 0.015f;
    /** Brightness of rounded (mitotic, just divided, dead) cells, which phase contrast shows nearly white. */
    private static final float GLOW = 0.32f;
    private static final int PROFILE_STEPS = 64;
    private static final float[][] COS_K = new float[Cell.HARMONICS + 2][NB];
    private static final float[][] SIN_K = new float[Cell.HARMONICS + 2][NB];

    static {
        for (int k = 0; k < COS_K.length; k++) {
            for (int i = 0; i < NB; i++) {
                double a = DetMath.TWO_PI * i / NB;
                COS_K[k][i] = (float) StrictMath.cos(k * a);
                SIN_K[k][i] = (float) StrictMath.sin(k * a);
            }
        }
    }

    private final CellLineProfile line;
    private final BatchConditions batch;
    private final int w;
    private final int h;
    private final int margin;
    private final float[] flatProfile = new float[PROFILE_STEPS + 1];
    private final float[] roundProfile = new float[PROFILE_STEPS + 1];
    private final float[] staticField;
    private final float[] illumination;
    private final Debris[] debris;

    private final float[] phi;
    private final float[] direct;
    private final float[] proc;
    private final float[] tmp;
    private final float[] tmp2;
    private final float[] minRho;
    private final float[] edge;
    private final int[] owner;

    /** Debris stuck to the flask: a speck or a small dead cell. */
    private record Debris(float x, float y, float sigma, float amp, float radius) {
    }

    PhaseContrastRenderer(CellLineProfile line, BatchConditions batch, int width, int height, int margin,
                          SplittableRandom rng) {
        this.line = line;
        this.batch = batch;
        this.w = width;
        this.h = height;
        this.margin = margin;
        int n = w * h;
        phi = new float[n];
        direct = new float[n];
        proc = new float[n];
        tmp = new float[n];
        tmp2 = new float[n];
        minRho = new float[n];
        edge = new float[n];
        owner = new int[n];
        for (int i = 0; i <= PROFILE_STEPS; i++) {
            double rho = (double) i / PROFILE_STEPS;
            double body = 1 - rho * rho;
            flatProfile[i] = (float) (line.edgeStep() + (1 - line.edgeStep()) * StrictMath.pow(body, line.dome()));
            roundProfile[i] = (float) (0.55 + 0.45 * StrictMath.sqrt(body));
        }
        // static pattern of the flask bottom: faint, fine
        staticField = new float[n];
        for (int i = 0; i < n; i++) {
            staticField[i] = DetMath.fastGaussian(rng.nextLong());
        }
        GaussianBlur.blur(staticField, staticField, tmp, w, h, 1.1);
        for (int i = 0; i < n; i++) {
            staticField[i] *= 0.05f;
        }
        // debris
        int count = DetMath.poisson(rng, batch.debrisFactor() * n / 1500.0);
        debris = new Debris[count];
        for (int i = 0; i < count; i++) {
            float x = (float) (rng.nextDouble() * w);
            float y = (float) (rng.nextDouble() * h);
            if (rng.nextDouble() < 0.025) {
                float rad = (float) DetMath.uniform(rng, 2.5, 5.5);
                debris[i] = new Debris(x, y, 0.8f, (float) DetMath.uniform(rng, 0.5, 1.1), rad);
            } else {
                float sigma = (float) DetMath.uniform(rng, 0.5, 1.3);
                float amp = (float) (DetMath.uniform(rng, 0.1, 0.6) * (rng.nextDouble() < 0.2 ? -0.6 : 1));
                debris[i] = new Debris(x, y, sigma, amp, 0);
            }
        }
        // illumination: level, linear gradient, vignetting
        illumination = new float[n];
        double ang = StrictMath.toRadians(batch.gradientAngle());
        double ga = StrictMath.cos(ang);
        double gb = StrictMath.sin(ang);
        double half = 0.5 * StrictMath.sqrt((double) w * w + (double) h * h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double px = x + 0.5 - w / 2.0;
                double py = y + 0.5 - h / 2.0;
                double proj = (px * ga + py * gb) / half;
                double r2 = (px * px + py * py) / (half * half);
                illumination[y * w + x] = (float) (batch.brightness()
                        * (1 + 0.5 * batch.gradient() * proj) * (1 - batch.vignetting() * r2));
            }
        }
    }

    /** Per-frame geometry of one cell. */
    private static final class Placed {
        final Cell cell;
        final float cx;
        final float cy;
        final float cos;
        final float sin;
        final float[] rb = new float[NB];
        float rMax;
        float size;

        Placed(Cell cell, float cx, float cy) {
            this.cell = cell;
            this.cx = cx;
            this.cy = cy;
            this.cos = (float) StrictMath.cos(cell.theta);
            this.sin = (float) StrictMath.sin(cell.theta);
        }

        float radiusAt(float angle) {
            float f = angle * (float) (NB / DetMath.TWO_PI);
            if (f < 0 || f >= NB) {
                f -= NB * (float) StrictMath.floor(f / NB);
            }
            int i0 = (int) f;
            float t = f - i0;
            i0 %= NB;
            int i1 = (i0 + 1) % NB;
            return rb[i0] + (rb[i1] - rb[i0]) * t;
        }
    }

    /** Ground truth of a rendered frame. */
    record Truth(double coverage, int visibleCells) {
    }

    /**
     * Renders the cells into {@code out} (w*h gray values).
     *
     * @return the fraction of the image covered by cells and the number of cells seen
     */
    Truth render(List<Cell> cells, SplittableRandom frameRng, byte[] out) {
        int n = w * h;
        Arrays.fill(phi, 0f);
        Arrays.fill(direct, 0f);
        Arrays.fill(proc, 0f);
        Arrays.fill(minRho, Float.MAX_VALUE);
        Arrays.fill(owner, -1);

        Placed[] placed = place(cells);
        for (int ci = 0; ci < placed.length; ci++) {
            if (placed[ci] != null) {
                claim(placed[ci], ci);
            }
        }
        for (int ci = 0; ci < placed.length; ci++) {
            if (placed[ci] != null) {
                paintBody(placed[ci], ci);
            }
        }
        for (int ci = 0; ci < placed.length; ci++) {
            if (placed[ci] != null) {
                paintGranules(placed[ci], ci, frameRng);
                paintProcesses(placed[ci]);
            }
        }
        int covered = 0;
        boolean[] seen = new boolean[placed.length];
        float junction = (float) line.junction();
        float groove = (float) (0.8 * line.roundedThickness() * line.edgeStep());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int o = owner[p];
                if (o < 0) {
                    continue;
                }
                covered++;
                seen[o] = true;
                int q = -1;
                if (x + 1 < w && owner[p + 1] >= 0 && owner[p + 1] != o) {
                    q = p + 1;
                } else if (y + 1 < h && owner[p + w] >= 0 && owner[p + w] != o) {
                    q = p + w;
                }
                if (q >= 0) {
                    // flat neighbours: a thin dark junction; rounded neighbours: a bright groove between them
                    float roundness = 1 - (float) Math.min(placed[o].cell.spread, placed[owner[q]].cell.spread);
                    float v = junction * (1 - roundness) - groove * roundness;
                    phi[p] += v;
                    phi[q] += v;
                }
            }
        }
        // cytoplasmic mottling (changes from frame to frame)
        for (int i = 0; i < n; i++) {
            tmp2[i] = DetMath.fastGaussian(frameRng.nextLong());
        }
        GaussianBlur.blur(tmp2, tmp2, tmp, w, h, 0.7);
        float tex = (float) line.texture() * 2.2f;
        for (int i = 0; i < n; i++) {
            if (owner[i] >= 0) {
                float cov = DetMath.clamp(edge[i] + 0.5f, 0f, 1f);
                phi[i] += tex * tmp2[i] * cov;
            }
            phi[i] = Math.max(phi[i], proc[i]) + staticField[i];
        }
        paintDebris(frameRng);

        // phase contrast: high-pass (halo) and a little absorption
        GaussianBlur.blur(phi, tmp2, tmp, w, h, SHADE_SIGMA);
        for (int i = 0; i < n; i++) {
            proc[i] = -(SHADE_GAIN * (phi[i] - tmp2[i]) + ABSORPTION * phi[i]);
        }
        GaussianBlur.blur(phi, tmp2, tmp, w, h, HALO_SIGMA);
        for (int i = 0; i < n; i++) {
            tmp2[i] = proc[i] - PHASE_GAIN * (phi[i] - tmp2[i]) + direct[i];
        }
        // defocus
        GaussianBlur.blur(tmp2, tmp2, tmp, w, h, batch.focusBlur());
        float contrast = (float) batch.contrast();
        float noise = (float) batch.noise();
        for (int i = 0; i < n; i++) {
            float rel = contrast * tmp2[i];
            // strong phase signals saturate softly instead of clipping
            rel = rel > 0 ? rel / (1 + 0.7f * rel) : rel / (1 - 0.4f * rel);
            float v = illumination[i] * (1 + rel) + noise * DetMath.fastGaussian(frameRng.nextLong());
            int q = Math.round(v);
            out[i] = (byte) (q < 0 ? 0 : (q > 255 ? 255 : q));
        }
        int visible = 0;
        for (boolean b : seen) {
            visible += b ? 1 : 0;
        }
        return new Truth((double) covered / n, visible);
    }

    private Placed[] place(List<Cell> cells) {
        Placed[] out = new Placed[cells.size()];
        for (int ci = 0; ci < cells.size(); ci++) {
            Cell c = cells.get(ci);
            Placed pc = new Placed(c, (float) (c.x - margin), (float) (c.y - margin));
            outline(c, pc);
            float reach = pc.rMax + 2;
            for (double len : c.procLength) {
                reach = Math.max(reach, pc.rMax + (float) len + 4);
            }
            if (pc.cx + reach < 0 || pc.cx - reach > w || pc.cy + reach < 0 || pc.cy - reach > h) {
                continue;
            }
            out[ci] = pc;
        }
        return out;
    }

    /** Outline radius per angle bin in pixels, blending the rounded and the spread shape. */
    private void outline(Cell c, Placed pc) {
        float[] rb = pc.rb;
        double[] ca = new double[Cell.HARMONICS];
        double[] sa = new double[Cell.HARMONICS];
        for (int k = 0; k < Cell.HARMONICS; k++) {
            ca[k] = c.harmAmp[k] * StrictMath.cos(c.harmPhase[k]);
            sa[k] = c.harmAmp[k] * StrictMath.sin(c.harmPhase[k]);
        }
        for (int i = 0; i < NB; i++) {
            float s = 1;
            for (int k = 0; k < Cell.HARMONICS; k++) {
                s += (float) (ca[k] * COS_K[k + 2][i] - sa[k] * SIN_K[k + 2][i]);
            }
            float a = (float) (DetMath.TWO_PI * i / NB);
            float lobe = 1;
            for (int l = 0; l < c.lobeAngle.length; l++) {
                float d = (float) StrictMath.IEEEremainder(a - c.lobeAngle[l], DetMath.TWO_PI);
                float z = d / (float) c.lobeWidth[l];
                lobe += (float) c.lobeAmp[l] * DetMath.expNeg(z * z);
            }
            rb[i] = c.base[i] * Math.max(0.3f, s) * lobe;
        }
        CellPopulation.normalise(rb);
        float spreadR = (float) (c.radius * c.growth());
        float roundR = (float) (c.radius * c.growth() * line.roundedRadius());
        float sp = (float) c.spread;
        float max = 0;
        for (int i = 0; i < NB; i++) {
            float round = roundR * (1 + 0.03f * (float) (ca[0] * COS_K[2][i] - sa[0] * SIN_K[2][i]));
            rb[i] = round + (spreadR * rb[i] - round) * sp;
            max = Math.max(max, rb[i]);
        }
        pc.rMax = max;
        pc.size = spreadR;
    }

    /** Pass 1: each pixel goes to the cell it lies deepest inside. */
    private void claim(Placed pc, int ci) {
        float reach = pc.rMax + 1;
        int x0 = Math.max(0, (int) (pc.cx - reach));
        int x1 = Math.min(w - 1, (int) (pc.cx + reach) + 1);
        int y0 = Math.max(0, (int) (pc.cy - reach));
        int y1 = Math.min(h - 1, (int) (pc.cy + reach) + 1);
        float reach2 = reach * reach;
        for (int y = y0; y <= y1; y++) {
            float dy = y + 0.5f - pc.cy;
            for (int x = x0; x <= x1; x++) {
                float dx = x + 0.5f - pc.cx;
                float r2 = dx * dx + dy * dy;
                if (r2 > reach2) {
                    continue;
                }
                float u = dx * pc.cos + dy * pc.sin;
                float v = -dx * pc.sin + dy * pc.cos;
                float r = (float) Math.sqrt(r2);
                float rbA = pc.radiusAt(DetMath.atan2(v, u));
                float d = rbA - r;
                if (d < -0.5f) {
                    continue;
                }
                float rho = r / rbA;
                int p = y * w + x;
                if (rho < minRho[p]) {
                    minRho[p] = rho;
                    owner[p] = ci;
                    edge[p] = d;
                }
            }
        }
    }

    /** Pass 2: body thickness and nucleus on the pixels the cell owns. */
    private void paintBody(Placed pc, int ci) {
        Cell c = pc.cell;
        float sp = (float) c.spread;
        float hFlat = (float) c.thickness;
        float hRound = (float) (line.roundedThickness() * c.thickness / line.thickness());
        float nucVis = (float) line.nucleusVisibility() * DetMath.smoothstep(0.25f, 0.8f, sp);
        float nucH = nucVis * hFlat * 0.8f;
        float nu = (float) (c.nucU * pc.size);
        float nv = (float) (c.nucV * pc.size);
        float shrink = 0.75f + 0.25f * sp;
        float glow = GLOW * DetMath.clamp(1 - sp / 0.3f, 0f, 1f);
        float na = (float) (c.nucA * pc.size) * shrink;
        float nb = (float) (c.nucB * pc.size) * shrink;
        float reach = pc.rMax + 1;
        int x0 = Math.max(0, (int) (pc.cx - reach));
        int x1 = Math.min(w - 1, (int) (pc.cx + reach) + 1);
        int y0 = Math.max(0, (int) (pc.cy - reach));
        int y1 = Math.min(h - 1, (int) (pc.cy + reach) + 1);
        for (int y = y0; y <= y1; y++) {
            float dy = y + 0.5f - pc.cy;
            for (int x = x0; x <= x1; x++) {
                int p = y * w + x;
                if (owner[p] != ci) {
                    continue;
                }
                float rho = Math.min(1f, minRho[p]);
                float fi = rho * PROFILE_STEPS;
                int i0 = Math.min(PROFILE_STEPS - 1, (int) fi);
                float t = fi - i0;
                float flat = flatProfile[i0] + (flatProfile[i0 + 1] - flatProfile[i0]) * t;
                float round = roundProfile[i0] + (roundProfile[i0 + 1] - roundProfile[i0]) * t;
                float cov = DetMath.clamp(edge[p] + 0.5f, 0f, 1f);
                float thick = (hRound * round + (hFlat * flat - hRound * round) * sp) * cov;
                if (nucH > 0.001f) {
                    float dx = x + 0.5f - pc.cx;
                    float u = dx * pc.cos + dy * pc.sin - nu;
                    float v = -dx * pc.sin + dy * pc.cos - nv;
                    float q = (u / na) * (u / na) + (v / nb) * (v / nb);
                    if (q < 1.5f) {
                        float rn = (float) Math.sqrt(q);
                        float dn = (1 - rn) * Math.min(na, nb);
                        float covN = DetMath.clamp(dn + 0.5f, 0f, 1f);
                        if (covN > 0) {
                            float dome = (float) Math.sqrt(Math.max(0f, 1 - q));
                            thick += nucH * covN * (0.8f + 0.2f * dome);
                            // nucleoli
                            for (int k = 0; k < c.nucleolusU.length; k++) {
                                float eu = u - (float) c.nucleolusU[k] * na;
                                float ev = v - (float) c.nucleolusV[k] * nb;
                                float s2 = 2 * 1.1f * 1.1f;
                                thick += covN * nucVis * 0.9f * (float) c.nucleolusAmp[k]
                                        * DetMath.expNeg((eu * eu + ev * ev) / s2);
                            }
                        }
                    }
                }
                phi[p] += thick;
                if (glow > 0) {
                    direct[p] += glow * cov * (0.45f + 0.55f * (float) Math.sqrt(Math.max(0f, 1 - rho * rho)));
                }
            }
        }
    }

    private void paintGranules(Placed pc, int ci, SplittableRandom frameRng) {
        Cell c = pc.cell;
        float visible = 0.5f + 0.5f * DetMath.smoothstep(0.1f, 0.7f, (float) c.spread);
        for (int g = 0; g < c.granuleAngle.length; g++) {
            float a = c.granuleAngle[g];
            float rr = c.granuleRho[g] * pc.radiusAt(a);
            float lu = rr * (float) StrictMath.cos(a);
            float lv = rr * (float) StrictMath.sin(a);
            // a little jitter from frame to frame (granules move inside the cytoplasm)
            lu += (float) (0.6 * (frameRng.nextDouble() - 0.5));
            lv += (float) (0.6 * (frameRng.nextDouble() - 0.5));
            float gx = pc.cx + lu * pc.cos - lv * pc.sin;
            float gy = pc.cy + lu * pc.sin + lv * pc.cos;
            float sigma = c.granuleSize[g];
            float amp = c.granuleAmp[g] * visible;
            stamp(gx, gy, sigma, amp, ci);
        }
    }

    /** Adds a Gaussian spot; restricted to the pixels of cell {@code ci} unless it is negative. */
    private void stamp(float gx, float gy, float sigma, float amp, int ci) {
        int r = (int) StrictMath.ceil(2.5 * sigma);
        int cx = (int) StrictMath.floor(gx);
        int cy = (int) StrictMath.floor(gy);
        float inv = 1f / (2 * sigma * sigma);
        for (int y = Math.max(0, cy - r); y <= Math.min(h - 1, cy + r); y++) {
            float dy = y + 0.5f - gy;
            for (int x = Math.max(0, cx - r); x <= Math.min(w - 1, cx + r); x++) {
                int p = y * w + x;
                if (ci >= 0 && owner[p] != ci) {
                    continue;
                }
                float dx = x + 0.5f - gx;
                phi[p] += amp * DetMath.expNeg((dx * dx + dy * dy) * inv);
            }
        }
    }

    private void paintProcesses(Placed pc) {
        Cell c = pc.cell;
        float grow = DetMath.smoothstep(0.3f, 0.9f, (float) c.spread);
        if (grow <= 0 || c.procAngle.length == 0) {
            return;
        }
        float height = (float) (c.thickness * (line.edgeStep() + 0.3));
        for (int k = 0; k < c.procAngle.length; k++) {
            float a = (float) c.procAngle[k];
            float start = pc.radiusAt(a) * 0.85f;
            float lu = start * (float) StrictMath.cos(a);
            float lv = start * (float) StrictMath.sin(a);
            double dir = a + c.procDir[k];
            float len = (float) c.procLength[k] * grow;
            int segs = 6;
            float width = (float) c.procWidth[k];
            for (int s = 0; s < segs; s++) {
                dir += c.procBend[k] / segs + 0.35 * StrictMath.sin(2.1 * s + 7 * c.procBend[k] + k);
                float nu2 = lu + (len / segs) * (float) StrictMath.cos(dir);
                float nv2 = lv + (len / segs) * (float) StrictMath.sin(dir);
                float f0 = (float) s / segs;
                float f1 = (float) (s + 1) / segs;
                float w0 = 0.35f + (width - 0.35f) * (1 - f0) * (1 - f0);
                float w1 = 0.35f + (width - 0.35f) * (1 - f1) * (1 - f1);
                segment(pc.cx + lu * pc.cos - lv * pc.sin, pc.cy + lu * pc.sin + lv * pc.cos,
                        pc.cx + nu2 * pc.cos - nv2 * pc.sin, pc.cy + nu2 * pc.sin + nv2 * pc.cos,
                        w0, w1, height * (1 - 0.45f * f0));
                lu = nu2;
                lv = nv2;
            }
        }
    }

    /** A tapered line into the process buffer (max, so crossings do not add up). */
    private void segment(float x0, float y0, float x1, float y1, float w0, float w1, float amp) {
        float ext = Math.max(w0, w1) * 2.5f + 1;
        int bx0 = Math.max(0, (int) (Math.min(x0, x1) - ext));
        int bx1 = Math.min(w - 1, (int) (Math.max(x0, x1) + ext));
        int by0 = Math.max(0, (int) (Math.min(y0, y1) - ext));
        int by1 = Math.min(h - 1, (int) (Math.max(y0, y1) + ext));
        float sx = x1 - x0;
        float sy = y1 - y0;
        float len2 = Math.max(1e-6f, sx * sx + sy * sy);
        for (int y = by0; y <= by1; y++) {
            for (int x = bx0; x <= bx1; x++) {
                float px = x + 0.5f - x0;
                float py = y + 0.5f - y0;
                float t = DetMath.clamp((px * sx + py * sy) / len2, 0f, 1f);
                float ex = px - t * sx;
                float ey = py - t * sy;
                float wid = w0 + (w1 - w0) * t;
                float v = amp * DetMath.expNeg((ex * ex + ey * ey) / (2 * wid * wid));
                int p = y * w + x;
                if (v > proc[p]) {
                    proc[p] = v;
                }
            }
        }
    }

    private void paintDebris(SplittableRandom frameRng) {
        for (Debris d : debris) {
            if (d.radius() > 0) {
                disc(d.x(), d.y(), d.radius(), d.amp());
            } else {
                stamp(d.x(), d.y(), d.sigma(), d.amp(), -1);
            }
        }
        // a few floating particles, different in every frame
        int floating = DetMath.poisson(frameRng, batch.debrisFactor() * w * h / 40000.0);
        for (int i = 0; i < floating; i++) {
            float x = (float) (frameRng.nextDouble() * w);
            float y = (float) (frameRng.nextDouble() * h);
            stamp(x, y, (float) DetMath.uniform(frameRng, 0.6, 1.6), (float) DetMath.uniform(frameRng, 0.2, 0.8), -1);
        }
    }

    /** A small round object with a steep edge (dead cell, large particle): strong halo. */
    private void disc(float gx, float gy, float radius, float amp) {
        int r = (int) StrictMath.ceil(radius + 2);
        int cx = (int) StrictMath.floor(gx);
        int cy = (int) StrictMath.floor(gy);
        for (int y = Math.max(0, cy - r); y <= Math.min(h - 1, cy + r); y++) {
            float dy = y + 0.5f - gy;
            for (int x = Math.max(0, cx - r); x <= Math.min(w - 1, cx + r); x++) {
                float dx = x + 0.5f - gx;
                float d = (float) Math.sqrt(dx * dx + dy * dy);
                float cov = DetMath.clamp(radius - d + 0.5f, 0f, 1f);
                if (cov > 0) {
                    float q = Math.min(1f, d / radius);
                    float dome = (float) Math.sqrt(1 - q * q);
                    phi[y * w + x] += amp * cov * (0.6f + 0.4f * dome);
                    direct[y * w + x] += GLOW * 0.8f * cov * (0.4f + 0.6f * dome);
                }
            }
        }
    }
}
