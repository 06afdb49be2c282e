package org.clanet.workbench.dataset.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The cells of one position, simulated from seeding onwards: persistent random motion, repulsion, adhesion into
 * colonies, spreading, growth, rounding up and division with contact inhibition. The simulated field is the
 * image plus a margin on every side, wrapped at its borders, so cells enter and leave the view naturally.
 * Single-threaded and driven by one random stream: the same seed gives the same history.
 */
final class CellPopulation {

    static final int OUTLINE_BINS = 128;
    private static final double MAX_STEP_HOURS = 0.25;

    private final CellLineProfile line;
    private final SplittableRandom rng;
    final int margin;
    final int domainW;
    final int domainH;
    private final double collision;
    private final int crowdLimit;
    private List<Cell> cells = new ArrayList<>();
    private double time;

    CellPopulation(CellLineProfile line, BatchConditions batch, int width, int height, SplittableRandom rng) {
        this.line = line;
        this.rng = rng;
        this.margin = (int) StrictMath.ceil(line.maxExtent()) + 8;
        this.domainW = width + 2 * margin;
        this.domainH = height + 2 * margin;
        this.collision = line.shape() == CellShape.IRREGULAR ? 0.62 : (line.shape() == CellShape.SPINDLE ? 0.75 : 0.86);
        this.crowdLimit = line.cohesion() > 0.7 ? 7 : 5;
        seed(batch.seedingFactor());
    }

    List<Cell> cells() {
        return cells;
    }

    /** Advances the simulation to {@code hours} after seeding. */
    void advanceTo(double hours) {
        while (time < hours - 1e-9) {
            double dt = Math.min(MAX_STEP_HOURS, hours - time);
            step(dt);
            time += dt;
        }
    }

    /** Radius of the cell's footprint now, px. */
    double footRadius(Cell c) {
        return c.radius * c.growth() * (line.roundedRadius() + (1 - line.roundedRadius()) * c.spread);
    }

    // ---------------------------------------------------------------- seeding

    private void seed(double densityFactor) {
        double area = (double) domainW * domainH;
        int n = Math.max(1, (int) Math.round(line.seedingDensity() * densityFactor * area / 1e4));
        double clump = Math.max(1, line.seedClusterSize());
        if (clump < 1.5) {
            // single cells, fairly evenly spread (a well-mixed suspension): jittered grid
            int cols = Math.max(1, (int) Math.round(StrictMath.sqrt(n * (double) domainW / domainH)));
            int rows = Math.max(1, (n + cols - 1) / cols);
            double sx = (double) domainW / cols;
            double sy = (double) domainH / rows;
            for (int i = 0; i < n; i++) {
                double x = (i % cols + 0.5 + 0.9 * (rng.nextDouble() - 0.5)) * sx;
                double y = (i / cols + 0.5 + 0.9 * (rng.nextDouble() - 0.5)) * sy;
                cells.add(seeded(wrapX(x), wrapY(y)));
            }
            return;
        }
        int placed = 0;
        while (placed < n) {
            double cx = rng.nextDouble() * domainW;
            double cy = rng.nextDouble() * domainH;
            int size = Math.min(n - placed, 1 + DetMath.poisson(rng, clump - 1));
            double spreadRadius = line.radius() * line.roundedRadius() * 1.1 * StrictMath.sqrt(size);
            for (int i = 0; i < size; i++) {
                double a = rng.nextDouble() * DetMath.TWO_PI;
                double d = size == 1 ? 0 : spreadRadius * StrictMath.sqrt(rng.nextDouble());
                cells.add(seeded(wrapX(cx + d * StrictMath.cos(a)), wrapY(cy + d * StrictMath.sin(a))));
            }
            placed += size;
        }
    }

    private Cell seeded(double x, double y) {
        Cell c = newCell(x, y, null);
        c.age = rng.nextDouble() * c.cycle;
        c.spread = 0.05 * rng.nextDouble();
        return c;
    }

    private Cell newCell(double x, double y, Cell mother) {
        Cell c = new Cell();
        c.x = x;
        c.y = y;
        double speed = line.motility();
        c.vx = speed * DetMath.gaussian(rng) * 0.5;
        c.vy = speed * DetMath.gaussian(rng) * 0.5;
        c.theta = rng.nextDouble() * DetMath.TWO_PI;
        c.omega = 0.03 * DetMath.gaussian(rng);
        if (mother == null) {
            c.radius = DetMath.logNormal(rng, line.radius(), line.radiusSpread());
            double aspect = Math.max(1.0, line.aspect() * StrictMath.exp(0.15 * DetMath.gaussian(rng)));
            c.base = baseOutline(line.shape(), aspect);
            c.thickness = line.thickness() * StrictMath.exp(0.12 * DetMath.gaussian(rng));
            c.nucU = 0.12 * DetMath.gaussian(rng);
            c.nucV = 0.07 * DetMath.gaussian(rng);
            double el = StrictMath.pow(aspect, 0.3);
            double ns = line.nucleusSize() * StrictMath.exp(0.08 * DetMath.gaussian(rng));
            c.nucA = ns * el;
            c.nucB = ns / StrictMath.sqrt(el);
        } else {
            c.radius = mother.radius * StrictMath.exp(0.05 * DetMath.gaussian(rng));
            c.base = mother.base;
            c.thickness = mother.thickness * StrictMath.exp(0.04 * DetMath.gaussian(rng));
            c.nucU = 0.5 * mother.nucU + 0.06 * DetMath.gaussian(rng);
            c.nucV = 0.5 * mother.nucV + 0.035 * DetMath.gaussian(rng);
            c.nucA = mother.nucA;
            c.nucB = mother.nucB;
        }
        for (int k = 0; k < Cell.HARMONICS; k++) {
            c.harmAmp[k] = line.irregularity() * (0.4 + 0.6 * rng.nextDouble()) / StrictMath.pow(k + 1, 0.7);
            c.harmPhase[k] = rng.nextDouble() * DetMath.TWO_PI;
        }
        int lobes = DetMath.poisson(rng, line.lobes());
        boolean star = line.shape() == CellShape.IRREGULAR;
        if (star) {
            lobes += 1;
        }
        c.lobeAngle = new double[lobes];
        c.lobeAmp = new double[lobes];
        c.lobeWidth = new double[lobes];
        for (int i = 0; i < lobes; i++) {
            c.lobeAngle[i] = rng.nextDouble() * DetMath.TWO_PI;
            c.lobeAmp[i] = star ? DetMath.uniform(rng, 0.35, 1.1) : DetMath.uniform(rng, 0.15, 0.55);
            c.lobeWidth[i] = star ? DetMath.uniform(rng, 0.12, 0.35) : DetMath.uniform(rng, 0.2, 0.55);
        }
        newProcesses(c);
        newNucleoli(c);
        newGranules(c);
        c.cycle = DetMath.logNormal(rng, line.doublingHours(), 0.18);
        c.spreadMax = Math.min(1.0, line.restingSpread() * DetMath.uniform(rng, 0.75, 1.3));
        return c;
    }

    private void newProcesses(Cell c) {
        int n = DetMath.poisson(rng, line.processCount());
        c.procAngle = new double[n];
        c.procDir = new double[n];
        c.procLength = new double[n];
        c.procBend = new double[n];
        c.procWidth = new double[n];
        for (int i = 0; i < n; i++) {
            boolean tip = line.shape() == CellShape.SPINDLE && i < 2;
            boolean fromLobe = !tip && i < c.lobeAngle.length;
            if (tip) {
                c.procAngle[i] = i * StrictMath.PI + 0.12 * DetMath.gaussian(rng);
            } else if (fromLobe) {
                c.procAngle[i] = c.lobeAngle[i];
            } else {
                c.procAngle[i] = rng.nextDouble() * DetMath.TWO_PI;
            }
            c.procDir[i] = 0.2 * DetMath.gaussian(rng);
            c.procLength[i] = DetMath.logNormal(rng, line.processLength(), 0.45);
            c.procBend[i] = 0.25 * DetMath.gaussian(rng);
            double baseWidth = line.shape() == CellShape.IRREGULAR ? 2.6 : 0.9;
            c.procWidth[i] = baseWidth * DetMath.uniform(rng, 0.7, 1.25);
        }
    }

    private void newNucleoli(Cell c) {
        int n = Math.min(3, 1 + DetMath.poisson(rng, 0.9));
        c.nucleolusU = new double[n];
        c.nucleolusV = new double[n];
        c.nucleolusAmp = new double[n];
        for (int i = 0; i < n; i++) {
            double a = rng.nextDouble() * DetMath.TWO_PI;
            double d = 0.55 * StrictMath.sqrt(rng.nextDouble());
            c.nucleolusU[i] = d * StrictMath.cos(a);
            c.nucleolusV[i] = d * StrictMath.sin(a);
            c.nucleolusAmp[i] = DetMath.uniform(rng, 0.6, 1.0);
        }
    }

    private void newGranules(Cell c) {
        double area = StrictMath.PI * c.radius * c.radius;
        int n = DetMath.poisson(rng, line.granularity() * area / 100);
        c.granuleAngle = new float[n];
        c.granuleRho = new float[n];
        c.granuleAmp = new float[n];
        c.granuleSize = new float[n];
        for (int i = 0; i < n; i++) {
            placeGranule(c, i);
        }
    }

    private void placeGranule(Cell c, int i) {
        double nuc = Math.max(c.nucA, c.nucB);
        double rho;
        if (rng.nextDouble() < line.perinuclear()) {
            rho = nuc * (1.05 + 0.9 * rng.nextDouble());
        } else {
            rho = 0.93 * StrictMath.sqrt(rng.nextDouble());
        }
        c.granuleAngle[i] = (float) (rng.nextDouble() * DetMath.TWO_PI);
        c.granuleRho[i] = (float) Math.min(0.93, rho);
        double sign = rng.nextDouble() < 0.18 ? -0.7 : 1.0;
        c.granuleAmp[i] = (float) (line.granuleContrast() * DetMath.uniform(rng, 0.4, 1.4) * sign);
        c.granuleSize[i] = (float) DetMath.uniform(rng, 0.45, 1.0);
    }

    /** Outline of a unit-area-radius cell body before harmonics, per angle bin, in the cell frame. */
    static float[] baseOutline(CellShape shape, double aspect) {
        float[] t = new float[OUTLINE_BINS];
        double w = 1.0;
        double l = aspect;
        // lens v(u) = w (1 - (u/l)^2)^p: p = 0.5 is an ellipse, larger p tapers the ends to points
        double lensPower = shape == CellShape.SPINDLE ? 1.15 : 0.8;
        boolean lens = shape == CellShape.SPINDLE || shape == CellShape.ELONGATED;
        for (int i = 0; i < OUTLINE_BINS; i++) {
            double a = DetMath.TWO_PI * i / OUTLINE_BINS;
            double ca = StrictMath.cos(a);
            double sa = StrictMath.sin(a);
            double r;
            if (lens) {
                // solve r |sin a| = v(r cos a) by bisection
                double lo = 0;
                double hi = Math.abs(ca) < 1e-9 ? w : Math.min(l / Math.abs(ca), 10 * l);
                for (int it = 0; it < 40; it++) {
                    double mid = 0.5 * (lo + hi);
                    double u = mid * ca / l;
                    double v = u * u >= 1 ? 0 : w * StrictMath.pow(1 - u * u, lensPower);
                    if (mid * Math.abs(sa) < v) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                r = 0.5 * (lo + hi);
            } else {
                double e = shape == CellShape.ROUND ? Math.min(aspect, 1.15) : aspect;
                r = 1 / StrictMath.sqrt((ca / e) * (ca / e) + sa * sa);
            }
            t[i] = (float) r;
        }
        return normalise(t);
    }

    /** Scales an outline so that its area is pi (equivalent radius 1). */
    static float[] normalise(float[] t) {
        double sum = 0;
        for (float r : t) {
            sum += (double) r * r;
        }
        double area = 0.5 * sum * DetMath.TWO_PI / t.length;
        float s = (float) StrictMath.sqrt(StrictMath.PI / area);
        for (int i = 0; i < t.length; i++) {
            t[i] *= s;
        }
        return t;
    }

    // ---------------------------------------------------------------- dynamics

    private void step(double dt) {
        int n = cells.size();
        double[] foot = new double[n];
        double maxFoot = 1;
        double covered = 0;
        for (int i = 0; i < n; i++) {
            foot[i] = footRadius(cells.get(i)) * collision;
            maxFoot = Math.max(maxFoot, foot[i]);
            double fr = footRadius(cells.get(i));
            covered += StrictMath.PI * fr * fr;
        }
        double coverage = covered / ((double) domainW * domainH);

        // neighbour grid
        double cellSize = Math.max(8, 2.7 * maxFoot / collision);
        int gw = Math.max(1, (int) (domainW / cellSize));
        int gh = Math.max(1, (int) (domainH / cellSize));
        int[] head = new int[gw * gh];
        int[] next = new int[n];
        Arrays.fill(head, -1);
        for (int i = n - 1; i >= 0; i--) {
            Cell c = cells.get(i);
            int g = gridIndex(c, gw, gh);
            next[i] = head[g];
            head[g] = i;
        }

        double[] dx = new double[n];
        double[] dy = new double[n];
        double relax = Math.min(1.0, 2.0 * dt / MAX_STEP_HOURS) * 0.25;
        double pull = line.cohesion() * Math.min(1.0, 1.6 * dt);
        boolean avoid = line.cohesion() < 0.3;
        for (int i = 0; i < n; i++) {
            Cell c = cells.get(i);
            int gx = (int) (c.x / domainW * gw) % gw;
            int gy = (int) (c.y / domainH * gh) % gh;
            int crowd = 0;
            int[] buckets = new int[9];
            int nb = 0;
            for (int oy = -1; oy <= 1; oy++) {
                for (int ox = -1; ox <= 1; ox++) {
                    int g = Math.floorMod(gy + oy, gh) * gw + Math.floorMod(gx + ox, gw);
                    boolean seen = false;
                    for (int q = 0; q < nb; q++) {
                        seen |= buckets[q] == g;
                    }
                    if (!seen) {
                        buckets[nb++] = g;
                    }
                }
            }
            for (int bi = 0; bi < nb; bi++) {
                int g = buckets[bi];
                for (int j = head[g]; j >= 0; j = next[j]) {
                    if (j == i) {
                        continue;
                    }
                    Cell o = cells.get(j);
                    double ex = wrapDelta(o.x - c.x, domainW);
                    double ey = wrapDelta(o.y - c.y, domainH);
                    double d2 = ex * ex + ey * ey;
                    double contact = foot[i] + foot[j];
                    double reach = contact / collision * 1.3;
                    if (d2 >= reach * reach) {
                        continue;
                    }
                    double d = StrictMath.sqrt(d2);
                    if (d < 1e-6) {
                        ex = 1e-3 * (i < j ? 1 : -1);
                        ey = 0;
                        d = 1e-3;
                    }
                    double ux = ex / d;
                    double uy = ey / d;
                    if (d < contact / collision * 1.12) {
                        crowd++;
                    }
                    if (d < contact) {
                        double push = 0.5 * (contact - d) * relax * 2;
                        dx[i] -= ux * push;
                        dy[i] -= uy * push;
                    } else if (avoid && d < contact / collision * 1.3) {
                        double push = 0.15 * (contact / collision * 1.3 - d) * relax;
                        dx[i] -= ux * push;
                        dy[i] -= uy * push;
                    } else if (pull > 0) {
                        double gap = d - contact;
                        double move = 0.5 * gap * pull * 0.5;
                        dx[i] += ux * move;
                        dy[i] += uy * move;
                    }
                }
            }
            c.crowd = crowd;
        }

        double tau = 2.0;
        double decay = StrictMath.exp(-dt / tau);
        double kick = line.motility() * StrictMath.sqrt(1 - decay * decay) * 0.7;
        double spreadRate = 1 - StrictMath.exp(-dt / 2.5);
        double roundRate = 1 - StrictMath.exp(-dt / 0.2);
        double sqdt = StrictMath.sqrt(dt);
        List<Cell> born = new ArrayList<>();
        List<Cell> alive = new ArrayList<>(n + 16);
        for (int i = 0; i < n; i++) {
            Cell c = cells.get(i);
            // motion
            double mobility = c.mitotic ? 0.1 : 1.0;
            double colonyDamping = 1 - 0.8 * line.cohesion() * Math.min(1, c.crowd / 3.0);
            c.vx = c.vx * decay + kick * DetMath.gaussian(rng);
            c.vy = c.vy * decay + kick * DetMath.gaussian(rng);
            double axisBias = line.aspect() > 1.8 ? 0.7 : 0.0;
            double vxm = c.vx;
            double vym = c.vy;
            if (axisBias > 0) {
                double ca = StrictMath.cos(c.theta);
                double sa = StrictMath.sin(c.theta);
                double par = vxm * ca + vym * sa;
                vxm = par * ca + (1 - axisBias) * (vxm - par * ca);
                vym = par * sa + (1 - axisBias) * (vym - par * sa);
            }
            c.x = wrapX(c.x + (vxm * dt * mobility * colonyDamping) + dx[i]);
            c.y = wrapY(c.y + (vym * dt * mobility * colonyDamping) + dy[i]);
            c.theta += c.omega * dt + 0.06 * sqdt * DetMath.gaussian(rng);
            // outline drift
            for (int k = 0; k < Cell.HARMONICS; k++) {
                c.harmPhase[k] += 0.22 * sqdt * DetMath.gaussian(rng);
            }
            for (int k = 0; k < c.lobeAngle.length; k++) {
                c.lobeAngle[k] += 0.08 * sqdt * DetMath.gaussian(rng);
                c.lobeAmp[k] = DetMath.clamp(c.lobeAmp[k] + 0.04 * sqdt * DetMath.gaussian(rng), 0.05, 0.7);
            }
            for (int k = 0; k < c.procAngle.length; k++) {
                if (k < c.lobeAngle.length) {
                    c.procAngle[k] = c.lobeAngle[k];
                }
                c.procDir[k] += 0.05 * sqdt * DetMath.gaussian(rng);
                c.procLength[k] *= StrictMath.exp(0.05 * sqdt * DetMath.gaussian(rng));
                c.procBend[k] += 0.05 * sqdt * DetMath.gaussian(rng);
            }
            for (int k = 0; k < c.granuleAngle.length; k++) {
                if (rng.nextDouble() < 0.04 * dt) {
                    placeGranule(c, k);
                }
            }
            // cycle
            c.age += dt;
            if (c.mitotic) {
                c.spread += (0 - c.spread) * roundRate;
                c.mitosisLeft -= dt;
                if (c.mitosisLeft <= 0) {
                    divide(c, born);
                    continue;
                }
            } else {
                c.spread += (c.spreadMax - c.spread) * spreadRate;
                if (c.age >= c.cycle && coverage < line.maxConfluency() && c.crowd < crowdLimit) {
                    c.mitotic = true;
                    c.mitosisLeft = DetMath.uniform(rng, 0.6, 1.2);
                }
            }
            alive.add(c);
        }
        alive.addAll(born);
        cells = alive;
    }

    private void divide(Cell m, List<Cell> out) {
        double axis = rng.nextDouble() * DetMath.TWO_PI;
        double off = 0.5 * footRadius(m) + 1;
        for (int s = -1; s <= 1; s += 2) {
            Cell d = newCell(wrapX(m.x + s * off * StrictMath.cos(axis)), wrapY(m.y + s * off * StrictMath.sin(axis)), m);
            d.theta = axis + 0.3 * DetMath.gaussian(rng);
            d.vx = m.vx * 0.5 + s * 0.5 * line.motility() * StrictMath.cos(axis);
            d.vy = m.vy * 0.5 + s * 0.5 * line.motility() * StrictMath.sin(axis);
            d.age = 0;
            d.spread = 0;
            out.add(d);
        }
    }

    private int gridIndex(Cell c, int gw, int gh) {
        int gx = (int) (c.x / domainW * gw) % gw;
        int gy = (int) (c.y / domainH * gh) % gh;
        return gy * gw + gx;
    }

    private double wrapX(double v) {
        return wrap(v, domainW);
    }

    private double wrapY(double v) {
        return wrap(v, domainH);
    }

    private static double wrap(double v, double size) {
        double r = v % size;
        return r < 0 ? r + size : r;
    }

    private static double wrapDelta(double d, double size) {
        if (d > size / 2) {
            return d - size;
        }
        if (d < -size / 2) {
            return d + size;
        }
        return d;
    }
}
