package dev.gantry.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitSheetTest {
    @TempDir
    Path dir;

    @Test
    void aSheetHasARowPerDigitWithInkInEveryCell() throws IOException {
        Path file = dir.resolve("digits.png");
        DigitSheet.png(new DigitImages(7), 0, 4, file);
        BufferedImage sheet = ImageIO.read(file.toFile());
        int cell = sheet.getWidth() / 4;
        assertThat(sheet.getHeight()).isEqualTo(10 * cell);
        for (int row = 0; row < 10; row++) {
            for (int col = 0; col < 4; col++) {
                int darkest = 255;
                for (int y = row * cell + 4; y < (row + 1) * cell - 4; y++) {
                    for (int x = col * cell + 4; x < (col + 1) * cell - 4; x++) {
                        darkest = Math.min(darkest, sheet.getRaster().getSample(x, y, 0));
                    }
                }
                assertThat(darkest).as("cell %d, %d", row, col).isLessThan(64);
            }
        }
    }

    @Test
    void asciiArtShowsEachImageUnderItsLabel() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DigitImages digits = new DigitImages(7);
        DigitSheet.ascii(digits, 5, 2, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2 * 29);
        assertThat(lines[0]).isEqualTo("example 5: " + digits.label(5));
        assertThat(lines[29]).isEqualTo("example 6: " + digits.label(6));
        assertThat(lines[1]).hasSize(28);
        assertThat(String.join("", lines).chars().filter(c -> c == '@').count()).isPositive();
    }
}
