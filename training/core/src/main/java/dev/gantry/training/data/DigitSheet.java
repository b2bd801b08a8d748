package dev.gantry.training.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Shows {@link DigitImages} to a person, to judge whether they look like digits: a PNG sheet
 * with one row per class (ink dark on white, as on paper), or ASCII art on the terminal.
 *
 * <pre>
 * java -cp gantry-training.jar dev.gantry.training.data.DigitSheet digits.png [perClass] [seed] [offset]
 * java -cp gantry-training.jar dev.gantry.training.data.DigitSheet - [count] [seed] [offset]   # ASCII
 * </pre>
 */
public final class DigitSheet {
    private static final int SIDE = DigitImages.SIDE;
    /** Screen pixels per image pixel: 28 x 28 is too small to judge a shape at. */
    private static final int ZOOM = 3;
    private static final int CELL = (SIDE + 2) * ZOOM;
    private static final String SHADES = " .:-=+*#%@";

    private DigitSheet() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: DigitSheet <file.png | -> [count] [seed] [offset]");
            System.exit(2);
        }
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        DigitImages digits = new DigitImages(args.length > 2 ? Long.parseLong(args[2]) : 7);
        long offset = args.length > 3 ? Long.parseLong(args[3]) : 0;
        if (args[0].equals("-")) {
            ascii(digits, offset, count, System.out);
        } else {
            png(digits, offset, count, Path.of(args[0]));
        }
    }

    /** {@code perClass} examples of each digit, the first ones at or after {@code offset}, one row per digit. */
    public static void png(DigitImages digits, long offset, int perClass, Path file) {
        BufferedImage sheet = new BufferedImage(perClass * CELL, DigitImages.CLASSES * CELL, BufferedImage.TYPE_BYTE_GRAY);
        float[] pixels = new float[DigitImages.FEATURES];
        int[] placed = new int[DigitImages.CLASSES];
        for (long i = offset; !placedAll(placed, perClass); i++) {
            int digit = digits.label(i);
            if (placed[digit] == perClass) {
                continue;
            }
            digits.features(i, pixels, 0);
            int left = placed[digit]++ * CELL + ZOOM;
            int top = digit * CELL + ZOOM;
            for (int p = 0; p < pixels.length; p++) {
                int grey = 255 - Math.round(pixels[p] * 255);
                for (int z = 0; z < ZOOM * ZOOM; z++) {
                    sheet.getRaster().setSample(left + p % SIDE * ZOOM + z % ZOOM, top + p / SIDE * ZOOM + z / ZOOM, 0, grey);
                }
            }
        }
        try {
            if (!ImageIO.write(sheet, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Examples {@code offset .. offset + count - 1} as ASCII art, each under its label. */
    public static void ascii(DigitImages digits, long offset, int count, PrintStream out) {
        float[] pixels = new float[DigitImages.FEATURES];
        for (long i = offset; i < offset + count; i++) {
            digits.features(i, pixels, 0);
            out.println("example " + i + ": " + digits.label(i));
            for (String line : lines(pixels)) {
                out.println(line);
            }
        }
    }

    static List<String> lines(float[] pixels) {
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < SIDE; r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < SIDE; c++) {
                float v = pixels[r * SIDE + c];
                line.append(SHADES.charAt(Math.min(SHADES.length() - 1, (int) (v * SHADES.length()))));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static boolean placedAll(int[] placed, int perClass) {
        for (int n : placed) {
            if (n < perClass) {
                return false;
            }
        }
        return true;
    }
}
