package dev.gantry.training.data;

import java.util.Arrays;

/**
 * The pen strokes of each digit 0-9, a few ways each (a 1 with or without its flag, an open or a
 * closed 4, a 7 with or without a bar...), in glyph coordinates: y grows downwards, the digit
 * spans y -0.5 to 0.5 and is centred on x = 0. Style (slant, size, wobble) is added later by
 * {@link HandStyle}; these are the plain shapes a copybook would show.
 */
final class DigitStrokes {
    /** {@code [digit][variant][stroke]}: each stroke x0, y0, x1, y1, ... */
    private static final float[][][][] TEMPLATES = {
        {   // 0: an upright oval, or one whose pen overshoots where it started
            strokes(Pen.startArc(0, 0, 0.30, 0.48, -90, 270)),
            strokes(Pen.startArc(0, 0, 0.28, 0.48, -60, 310)),
        },
        {   // 1: a bare stem, with a flag, or with a flag and a base
            strokes(Pen.at(0.02, -0.5).lineTo(-0.02, 0.5)),
            strokes(Pen.at(-0.18, -0.3).lineTo(0.02, -0.5).lineTo(0.0, 0.5)),
            strokes(Pen.at(-0.16, -0.32).lineTo(0.02, -0.5).lineTo(0.0, 0.5), Pen.at(-0.18, 0.5).lineTo(0.18, 0.5)),
        },
        {   // 2: a hook over a diagonal and a flat base, or with a small loop at the bottom left
            strokes(Pen.startArc(0, -0.22, 0.28, 0.27, -195, 20).lineTo(-0.3, 0.5).lineTo(0.32, 0.5)),
            strokes(Pen.startArc(0, -0.22, 0.27, 0.27, -190, 25).curveTo(-0.05, 0.25, -0.28, 0.45)
                    .arc(-0.2, 0.44, 0.08, 0.06, 180, 360).curveTo(0.1, 0.48, 0.32, 0.48)),
        },
        {   // 3: two bowls open to the left, or a flat top with a bowl below
            strokes(Pen.startArc(0, -0.25, 0.25, 0.24, -160, 90).arc(0, 0.24, 0.29, 0.26, -90, 150)),
            strokes(Pen.at(-0.26, -0.5).lineTo(0.26, -0.5).lineTo(-0.04, -0.06).arc(0, 0.22, 0.29, 0.28, -100, 150)),
        },
        {   // 4: closed (a triangle on the stem) or open at the top
            strokes(Pen.at(0.12, -0.5).lineTo(-0.32, 0.18).lineTo(0.34, 0.18), Pen.at(0.12, -0.5).lineTo(0.12, 0.5)),
            strokes(Pen.at(-0.22, -0.5).lineTo(-0.28, 0.14).lineTo(0.34, 0.14), Pen.at(0.16, -0.45).lineTo(0.14, 0.5)),
        },
        {   // 5: a flag, a short down stroke and a belly, drawn in one go or with the flag last
            strokes(Pen.at(0.26, -0.5).lineTo(-0.18, -0.5).lineTo(-0.22, -0.04).arc(0.0, 0.2, 0.3, 0.3, -130, 150)),
            strokes(Pen.at(-0.18, -0.5).lineTo(-0.22, -0.04).arc(0.0, 0.2, 0.29, 0.3, -130, 155),
                    Pen.at(-0.18, -0.5).lineTo(0.28, -0.52)),
        },
        {   // 6: a sweep down the left into a loop at the bottom
            strokes(Pen.at(0.2, -0.5).curveTo(-0.32, -0.25, -0.28, 0.22).arc(0.0, 0.24, 0.28, 0.26, 180, -180)),
            strokes(Pen.at(0.15, -0.5).curveTo(-0.3, -0.15, -0.26, 0.28).arc(0.0, 0.26, 0.27, 0.24, 170, -190)),
        },
        {   // 7: a bar and a long diagonal, with or without a cross bar
            strokes(Pen.at(-0.3, -0.5).lineTo(0.3, -0.5).lineTo(-0.06, 0.5)),
            strokes(Pen.at(-0.3, -0.5).lineTo(0.3, -0.5).curveTo(0.12, -0.1, 0.0, 0.5)),
            strokes(Pen.at(-0.3, -0.46).lineTo(0.3, -0.5).lineTo(-0.06, 0.5), Pen.at(-0.12, 0.0).lineTo(0.22, 0.0)),
        },
        {   // 8: two stacked loops, or one S stroke closed back on itself
            strokes(Pen.startArc(0, -0.26, 0.22, 0.23, 0, 360), Pen.startArc(0, 0.24, 0.28, 0.26, -90, 270)),
            strokes(Pen.at(0.2, -0.4).arc(0, -0.27, 0.22, 0.23, -30, -270).curveTo(0.3, 0.05, 0.27, 0.25)
                    .arc(0, 0.25, 0.27, 0.25, 0, 180).curveTo(-0.28, 0.05, 0.0, -0.04).curveTo(0.18, -0.15, 0.2, -0.4)),
        },
        {   // 9: a loop on a straight or a curving stem
            strokes(Pen.startArc(0, -0.22, 0.27, 0.27, 0, 360).lineTo(0.22, 0.5)),
            strokes(Pen.startArc(0, -0.24, 0.26, 0.25, 10, 370).curveTo(0.26, 0.3, 0.0, 0.5)),
        },
    };

    private DigitStrokes() {}

    static int variants(int digit) {
        return TEMPLATES[digit].length;
    }

    /** The strokes of one way of writing {@code digit}; callers must not change them. */
    static float[][] strokes(int digit, int variant) {
        return TEMPLATES[digit][variant];
    }

    private static float[][] strokes(Pen... pens) {
        return Arrays.stream(pens).map(Pen::stroke).toArray(float[][]::new);
    }
}
