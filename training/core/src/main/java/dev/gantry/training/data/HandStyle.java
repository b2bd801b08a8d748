package dev.gantry.training.data;

import java.util.SplittableRandom;

/**
 * How one example's digit is written: a gentle random warp of the copybook shape (loops come
 * out lopsided, lines bow), then width, slant, rotation, size and position on the page, and the
 * pen's width and ink. The ranges are those of people's handwriting in MNIST, roughly: digits 15
 * to 20 pixels tall (MNIST fits them in a 20 pixel box), slanted up to about 25 degrees either
 * way, strokes 1.5 to 3.5 pixels wide.
 */
final class HandStyle {
    private static final int WARP_TERMS = 2;

    /** Per axis (x then y) and term: amplitude (glyph units), angular frequency (radians per unit), phase. */
    private final double[] warp;
    private final double widthScale;
    private final double slant;
    private final double rotation;
    /** Pixels per glyph unit: the digit's height on the page. */
    private final double height;
    private final double centreX;
    private final double centreY;
    private final double halfWidth;
    private final double darkness;

    private HandStyle(double[] warp, double widthScale, double slant, double rotation, double height,
                      double centreX, double centreY, double halfWidth, double darkness) {
        this.warp = warp;
        this.widthScale = widthScale;
        this.slant = slant;
        this.rotation = rotation;
        this.height = height;
        this.centreX = centreX;
        this.centreY = centreY;
        this.halfWidth = halfWidth;
        this.darkness = darkness;
    }

    /** A hand for a page {@code side} pixels square, drawn from {@code random}. */
    static HandStyle draw(SplittableRandom random, int side) {
        double[] warp = new double[2 * WARP_TERMS * 3];
        for (int i = 0; i < warp.length; i += 3) {
            warp[i] = random.nextDouble(0, 0.07);
            warp[i + 1] = random.nextDouble(0.5, 1.5) * 2 * Math.PI;
            warp[i + 2] = random.nextDouble(0, 2 * Math.PI);
        }
        double slant = Math.max(-0.45, Math.min(0.45, 0.2 * gaussian(random)));
        return new HandStyle(warp, random.nextDouble(0.8, 1.25), slant, Math.toRadians(random.nextDouble(-10, 10)),
                side * random.nextDouble(0.55, 0.71), side / 2.0 + random.nextDouble(-1.5, 1.5),
                side / 2.0 + random.nextDouble(-1.5, 1.5), random.nextDouble(0.7, 1.8), random.nextDouble(0.8, 1.0));
    }

    /** The pen's half width in pixels. */
    double halfWidth() {
        return halfWidth;
    }

    /** The ink of the pen's middle, 1 for black. */
    double darkness() {
        return darkness;
    }

    /** The stroke's points moved from glyph coordinates onto the page, nudged by ({@code dx}, {@code dy}) glyph units. */
    float[] place(float[] stroke, double dx, double dy) {
        float[] page = new float[stroke.length];
        double cos = Math.cos(rotation);
        double sin = Math.sin(rotation);
        for (int i = 0; i < stroke.length; i += 2) {
            double x = stroke[i] + dx;
            double y = stroke[i + 1] + dy;
            double wx = x;
            double wy = y;
            for (int t = 0; t < WARP_TERMS; t++) {
                int ax = 3 * t;
                int ay = 3 * (WARP_TERMS + t);
                wx += warp[ax] * Math.sin(warp[ax + 1] * y + warp[ax + 2]);
                wy += warp[ay] * Math.sin(warp[ay + 1] * x + warp[ay + 2]);
            }
            // y grows downwards, so a positive slant leans the top to the right.
            double sx = wx * widthScale - slant * wy;
            page[i] = (float) (centreX + height * (cos * sx - sin * wy));
            page[i + 1] = (float) (centreY + height * (sin * sx + cos * wy));
        }
        return page;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        return Math.sqrt(-2 * Math.log(1.0 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
