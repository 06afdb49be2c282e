package org.clanet.workbench.dataset.synthetic;

/**
 * State of one simulated cell. Geometry of the outline, nucleus and granules is stored relative to the cell
 * (angles in the cell's frame, distances in units of its radius), so a cell keeps its identity while it moves,
 * turns, changes shape and rounds up between frames.
 */
final class Cell {

    /** Harmonics k = 2..HARMONICS+1 of the outline. */
    static final int HARMONICS = 6;

    // position and motion (domain pixels, px/h)
    double x;
    double y;
    double vx;
    double vy;
    double theta;
    double omega;

    // size and outline
    double radius;
    float[] base;
    final double[] harmAmp = new double[HARMONICS];
    final double[] harmPhase = new double[HARMONICS];
    double[] lobeAngle = new double[0];
    double[] lobeAmp = new double[0];
    double[] lobeWidth = new double[0];
    double thickness;

    // thin processes: attachment angle, direction offset, length (px), bend (rad), width (px)
    double[] procAngle = new double[0];
    double[] procDir = new double[0];
    double[] procLength = new double[0];
    double[] procBend = new double[0];
    double[] procWidth = new double[0];

    // nucleus (cell-radius units) and nucleoli (nucleus-radius units)
    double nucU;
    double nucV;
    double nucA;
    double nucB;
    double[] nucleolusU = new double[0];
    double[] nucleolusV = new double[0];
    double[] nucleolusAmp = new double[0];

    // granules: angle in the cell frame, fraction of the outline radius there, thickness, sigma (px)
    float[] granuleAngle = new float[0];
    float[] granuleRho = new float[0];
    float[] granuleAmp = new float[0];
    float[] granuleSize = new float[0];

    // cycle
    double age;
    double cycle;
    boolean mitotic;
    double mitosisLeft;
    double spread;
    double spreadMax;
    int crowd;

    /** Size factor: cells grow from 0.82 to 1 of their radius over the cycle. */
    double growth() {
        return 0.82 + 0.18 * Math.min(1.0, age / cycle);
    }
}
