package dev.gantry.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any CSV training can use passes the scan; any one cell made unusable is reported at its own line and column. */
class CsvScanProperties {
    /**
     * A CSV file as the generators make it: {@code lines} as written (blank ones included), the
     * header's {@code names}, and for each example its line number (1-based) and cells.
     */
    record Csv(int features, int classes, List<String> names, int labelColumn, List<String> lines,
               List<Integer> exampleLines, List<List<String>> examples) {
        String text() {
            return String.join("\n", lines) + "\n";
        }

        /** This file with one cell replaced. */
        Csv with(int example, int column, String value) {
            List<List<String>> changed = new ArrayList<>(examples);
            List<String> row = new ArrayList<>(changed.get(example));
            row.set(column, value);
            changed.set(example, row);
            List<String> text = new ArrayList<>(lines);
            text.set(exampleLines.get(example) - 1, String.join(",", row));
            return new Csv(features, classes, names, labelColumn, text, exampleLines, changed);
        }

        CsvScan scan() {
            return new CsvScan("data", true, "label", features, classes);
        }
    }

    @Provide
    Arbitrary<Csv> csvFiles() {
        return Combinators.combine(Arbitraries.integers().between(1, 6), Arbitraries.integers().between(2, 12),
                Arbitraries.integers().between(1, 25)).flatAs((features, classes, rows) ->
                Combinators.combine(
                        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6)
                                .filter(n -> !n.equalsIgnoreCase("label"))
                                .list().ofSize(features).uniqueElements(n -> n.toLowerCase(Locale.ROOT)),
                        Arbitraries.integers().between(0, features),
                        number().list().ofSize(features).list().ofSize(rows),
                        label(classes).list().ofSize(rows),
                        Arbitraries.integers().between(0, 2).list().ofSize(rows))
                        .as((featureNames, labelAt, featureRows, labels, blanks) ->
                                csv(features, classes, featureNames, labelAt, featureRows, labels, blanks)));
    }

    private static Csv csv(int features, int classes, List<String> featureNames, int labelAt,
                           List<List<String>> featureRows, List<String> labels, List<Integer> blanks) {
        List<String> names = new ArrayList<>(featureNames);
        names.add(labelAt, "label");
        List<String> lines = new ArrayList<>(List.of(String.join(",", names)));
        List<Integer> exampleLines = new ArrayList<>();
        List<List<String>> examples = new ArrayList<>();
        for (int i = 0; i < featureRows.size(); i++) {
            // Blank lines are skipped by Spark but still count in the line numbers a person sees.
            for (int b = 0; b < blanks.get(i); b++) {
                lines.add(b % 2 == 0 ? "" : "  ");
            }
            List<String> row = new ArrayList<>(featureRows.get(i));
            row.add(labelAt, labels.get(i));
            lines.add(String.join(",", row));
            exampleLines.add(lines.size());
            examples.add(row);
        }
        return new Csv(features, classes, names, labelAt, lines, exampleLines, examples);
    }

    /** Numbers the way people and programs write them, all of which Spark reads as numbers. */
    private static Arbitrary<String> number() {
        Arbitrary<Double> values = Arbitraries.doubles().between(-1e6, 1e6);
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-100_000, 100_000).map(String::valueOf),
                values.map(String::valueOf),
                values.map(v -> String.format(Locale.ROOT, "%.4e", v)),
                values.map(v -> String.format(Locale.ROOT, "%.2f", v)),
                Arbitraries.integers().between(0, 999).map(i -> "+." + i),
                values.map(v -> " " + v + " "),
                values.map(v -> "\"" + v + "\""));
    }

    private static Arbitrary<String> label(int classes) {
        Arbitrary<Integer> label = Arbitraries.integers().between(0, classes - 1);
        return Arbitraries.oneOf(label.map(String::valueOf), label.map(l -> l + ".0"), label.map(l -> "\"" + l + "\""));
    }

    @Property(tries = 300)
    void everyValidFilePasses(@ForAll("csvFiles") Csv csv) {
        CsvScan scan = csv.scan();
        assertThatCode(() -> {
            scan.file("train.csv", new BufferedReader(new StringReader(csv.text())));
            scan.requireExamples("train.csv");
        }).as(csv.text()).doesNotThrowAnyException();
    }

    @Provide
    Arbitrary<Corrupted> corruptedFiles() {
        return csvFiles().flatMap(csv -> Combinators.combine(
                Arbitraries.integers().between(0, csv.examples().size() - 1),
                Arbitraries.integers().between(0, csv.names().size() - 1),
                Arbitraries.of("seven", "", " ", "NaN", "-Infinity", "1e39", "0x1F", "true", "1.5.2", "--1"),
                Arbitraries.of("2.5", "-1", Integer.toString(csv.classes()), "1e6"))
                .as((example, column, bad, badLabel) -> {
                    String value = column == csv.labelColumn() && example % 2 == 0 ? badLabel : bad;
                    return new Corrupted(csv.with(example, column, value), csv.exampleLines().get(example),
                            csv.names().get(column), value);
                }));
    }

    record Corrupted(Csv csv, int line, String column, String value) {}

    @Property(tries = 300)
    void oneUnusableCellIsReportedAtItsLineAndColumn(@ForAll("corruptedFiles") Corrupted bad) {
        String at = "data.path: train.csv line " + bad.line() + ", column \"" + bad.column() + "\"";
        String expected = bad.value().isBlank() ? at + " is empty" : at + ": \"" + bad.value() + "\" is ";
        assertThatThrownBy(() -> bad.csv().scan().file("train.csv",
                new BufferedReader(new StringReader(bad.csv().text()))))
                .as(bad.csv().text())
                .satisfies(e -> assertThat(e.getMessage()).startsWith(expected).doesNotContain("\n"));
    }

    /** The hand-written number check is the regular language it replaces, for speed. */
    @Property(tries = 2000)
    void decimalIsExactlySignDigitsPointExponent(@ForAll("numberLike") String text) {
        assertThat(CsvScan.decimal(text)).as(text)
                .isEqualTo(text.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?"));
    }

    @Provide
    Arbitrary<String> numberLike() {
        return Arbitraries.strings().withChars("0123456789+-.eE x").ofMaxLength(8);
    }
}
