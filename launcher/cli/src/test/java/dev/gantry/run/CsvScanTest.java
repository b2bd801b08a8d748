package dev.gantry.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.job.JobSpecException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvScanTest {
    private static final String HEADER = "a,b,c,label\n";

    /** A scan of 3 features and 4 classes, as the spec's {@code data} names it. */
    private static CsvScan scan(boolean header, String label) {
        return new CsvScan("data", header, label, 3, 4);
    }

    private static void file(CsvScan scan, String name, String text) {
        try {
            scan.file(name, new BufferedReader(new StringReader(text)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String problem(String text) {
        CsvScan scan = scan(true, "label");
        try {
            file(scan, "train.csv", text);
        } catch (JobSpecException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("no problem found in:\n" + text);
    }

    @Test
    void numbersAsSparkReadsThemPass() {
        CsvScan scan = scan(true, "label");
        assertThatCode(() -> file(scan, "train.csv", HEADER
                + "1,-2.5,3e-2,0\n"
                + " 4 ,+.5,\"6.0\",3\n"
                + "\n   \n"
                + "7.,8E+3,-0,2.0\n")).doesNotThrowAnyException();
        assertThatCode(() -> scan.requireExamples("train.csv")).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} in column {1}")
    @CsvSource(delimiter = '|', value = {
        "seven      | c     | : \"seven\" is not a number",
        "0x10       | c     | : \"0x10\" is not a number",
        "1d         | a     | : \"1d\" is not a number",
        "true       | b     | : \"true\" is not a number",
        "NaN        | a     | : \"NaN\" is not a finite number",
        "-Infinity  | c     | : \"-Infinity\" is not a finite number",
        "Inf        | b     | : \"Inf\" is not a finite number",
        "1e39       | a     | : \"1e39\" is too large for a 32-bit float feature",
        "2.5        | label | : \"2.5\" is not a class: labels are whole numbers from 0 to 3 (model.classes is 4)",
        "-1         | label | : \"-1\" is not a class",
        "4          | label | : \"4\" is not a class",
        "four       | label | : \"four\" is not a number",
        "NaN        | label | : \"NaN\" is not a finite number",
    })
    void aBadCellIsNamedWithFileLineColumnAndValue(String value, String column, String problem) {
        String row = switch (column) {
            case "a" -> value + ",2,3,1";
            case "b" -> "1," + value + ",3,1";
            case "c" -> "1,2," + value + ",1";
            default -> "1,2,3," + value;
        };
        assertThat(problem(HEADER + "1,2,3,0\n" + row + "\n1,2,3,1\n"))
                .startsWith("data.path: train.csv line 3, column \"" + column + "\"" + problem);
    }

    @Test
    void anEmptyOrBlankCellIsNamed() {
        assertThat(problem(HEADER + "1,,3,0\n")).isEqualTo("data.path: train.csv line 2, column \"b\" is empty");
        assertThat(problem(HEADER + "1,2, ,0\n")).isEqualTo("data.path: train.csv line 2, column \"c\" is empty");
        assertThat(problem(HEADER + "1,2,3,\n")).isEqualTo("data.path: train.csv line 2, column \"label\" is empty");
    }

    @Test
    void lineNumbersAreTheFilesOwnCountingBlankLinesAndTheHeader() {
        assertThat(problem("\uFEFF" + HEADER + "1,2,3,0\n\n  \n1,2,x,0\n"))
                .startsWith("data.path: train.csv line 5, column \"c\"");
    }

    @Test
    void aRowOfTheWrongWidthIsNamed() {
        assertThat(problem(HEADER + "1,2,3,0\n1,2,0\n"))
                .isEqualTo("data.path: train.csv line 3 has 3 values, but the data has 4 columns (a, b, c, label)");
        assertThat(problem(HEADER + "1,2,3,0,9\n")).startsWith("data.path: train.csv line 2 has 5 values");
    }

    @Test
    void aQuotedCommaIsOneValueAsSparkParsesIt() {
        assertThat(problem(HEADER + "1,\"2,5\",3,0\n")).isEqualTo("data.path: train.csv line 2, column \"b\": \"2,5\" is not a number");
    }

    @Test
    void theLabelColumnAndTheFeatureCountComeFromTheHeader() {
        assertThat(problem("a,b,c,y\n1,2,3,0\n"))
                .isEqualTo("data.options.label: train.csv has no column \"label\" (columns: a, b, c, y)");
        assertThat(problem("a,b,label\n1,2,0\n"))
                .isEqualTo("data.path: train.csv has 2 feature columns, but the model takes 3 (model.inputShape)");
        CsvScan labelFirst = scan(true, "y");
        assertThatCode(() -> file(labelFirst, "train.csv", "y,a,b,c\n3,1,2,1e3\n")).doesNotThrowAnyException();
    }

    @Test
    void withoutAHeaderColumnsHaveSparksNames() {
        CsvScan unnamed = scan(false, "label");
        assertThatThrownBy(() -> file(unnamed, "train.csv", "1,2,3,0\n")).hasMessage("data.options.label: train.csv has no"
                + " header (data.options.header is false), so its columns are named _c0 to _c3; set the label's, e.g. _c3");
        CsvScan named = scan(false, "_c3");
        assertThatThrownBy(() -> file(named, "train.csv", "1,2,3,0\n1,2,3,7\n"))
                .hasMessage("data.path: train.csv line 2, column \"_c3\": \"7\" is not a class: labels are whole numbers"
                        + " from 0 to 3 (model.classes is 4)");
    }

    @Test
    void everyFileHasItsHeaderAndItMustMatchTheFirst() {
        CsvScan scan = scan(true, "label");
        file(scan, "part-0.csv", HEADER + "1,2,3,0\n");
        file(scan, "part-1.csv", HEADER + "1,2,3,1\n");
        assertThatThrownBy(() -> file(scan, "part-2.csv", "b,a,c,label\n1,2,3,1\n")).hasMessage("data.path: part-2.csv"
                + " line 1: the header (b, a, c, label) differs from the one in part-0.csv (a, b, c, label)");
    }

    @Test
    void emptyAndDuplicateHeaderNamesAreSparks() {
        assertThat(problem("x,,X,label\n1,2,z,0\n")).isEqualTo("data.path: train.csv line 2, column \"X2\": \"z\" is not a number");
        assertThat(problem("x,,X,label\n1,,3,0\n")).isEqualTo("data.path: train.csv line 2, column \"_c1\" is empty");
    }

    @Test
    void dataWithoutExamplesIsRefused() {
        CsvScan scan = scan(true, "label");
        file(scan, "train.csv", HEADER + "\n");
        assertThatThrownBy(() -> scan.requireExamples("train")).hasMessage("data.path: train holds no examples");
    }

    @Test
    void longValuesAreShortenedToKeepTheLineReadable() {
        String word = "w".repeat(500);
        assertThat(problem(HEADER + "1,2," + word + ",0\n")).hasSizeLessThan(150).contains("\"www").contains("...\"");
    }
}
