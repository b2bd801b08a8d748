package dev.gantry.run;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.UnescapedQuoteHandling;
import dev.gantry.job.JobSpecException;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads CSV data line by line as Spark will (DataSources: each file's first line a header when
 * {@code header} is set, every column but the label a feature) and fails at the first cell
 * training cannot use, naming the file, line, column and value. Scanning every line costs a pass
 * over the data before the job starts, but without it a word in one cell surfaces as Spark's
 * "Data type string of column c is not supported" after the cluster and executors have started,
 * and an empty cell or a label out of range only once a worker reaches it. One line is held at a
 * time, so the data's size does not matter for memory.
 */
final class CsvScan {
    private static final Pattern NOT_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final int MAX_COLUMNS = 20480;

    private final String field;
    private final boolean header;
    private final String label;
    private final int featureCount;
    private final int classes;
    private final CsvParser parser = new CsvParser(sparkDefaults());
    private List<String> columns;
    private String columnsFrom;
    private int labelColumn;
    private long examples;

    /**
     * @param field        where the data is named in the spec: {@code data} or {@code data.validation}
     * @param header       whether each file starts with a header line ({@code data.options.header})
     * @param label        the label's column name ({@code data.options.label})
     * @param featureCount the model's input size
     * @param classes      the model's number of classes: labels are whole numbers below it
     */
    CsvScan(String field, boolean header, String label, int featureCount, int classes) {
        this.field = field;
        this.header = header;
        this.label = label;
        this.featureCount = featureCount;
        this.classes = classes;
    }

    /** Scans one file to its end; {@code name} is how messages name it. */
    void file(String name, BufferedReader in) throws IOException {
        boolean headerPending = header;
        long number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            if (number == 1 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
                line = line.substring(1);
            }
            // Spark drops lines of only whitespace before it parses.
            if (line.trim().isEmpty()) {
                continue;
            }
            String[] values = parse(name, number, line);
            if (headerPending) {
                headerPending = false;
                header(name, number, values);
            } else {
                if (columns == null) {
                    columns(name, positional(values.length));
                }
                example(name, number, values);
            }
        }
    }

    /** Fails unless the files scanned hold at least one example; {@code path} names them all. */
    void requireExamples(String path) {
        if (examples == 0) {
            throw new JobSpecException(field + ".path: " + path + " holds no examples");
        }
    }

    private String[] parse(String name, long number, String line) {
        // Without a quote the parser would only split at commas; splitting here keeps a scan of
        // millions of lines several times faster.
        if (line.indexOf('"') < 0) {
            String[] values = line.split(",", -1);
            if (values.length <= MAX_COLUMNS) {
                return values;
            }
        }
        try {
            return parser.parseLine(line);
        } catch (TextParsingException e) {
            throw new JobSpecException(field + ".path: " + name + " line " + number + " is not CSV that Spark can read ("
                    + abbreviate(e.getClass().getSimpleName() + ": " + e.getMessage().lines().findFirst().orElse("")) + ")");
        }
    }

    private void header(String name, long number, String[] values) {
        List<String> names = safeNames(values);
        if (columns == null) {
            columns(name, names);
        } else if (!names.equals(columns)) {
            // Spark takes every file's columns by position, whatever its header says.
            throw new JobSpecException(field + ".path: " + name + " line " + number + ": the header ("
                    + abbreviate(String.join(", ", names)) + ") differs from the one in " + columnsFrom + " ("
                    + abbreviate(String.join(", ", columns)) + ")");
        }
    }

    private void columns(String name, List<String> names) {
        columns = names;
        columnsFrom = name;
        labelColumn = names.indexOf(label);
        if (labelColumn < 0) {
            String why = header ? name + " has no column \"" + label + "\" (columns: " + abbreviate(String.join(", ", names)) + ")"
                    : name + " has no header (data.options.header is false), so its columns are named _c0 to _c"
                            + (names.size() - 1) + "; set the label's, e.g. " + names.get(names.size() - 1);
            throw new JobSpecException(field + ".options.label: " + why);
        }
        if (names.size() - 1 != featureCount) {
            throw new JobSpecException(field + ".path: " + name + " has " + (names.size() - 1) + " feature columns, but the"
                    + " model takes " + featureCount + " (model.inputShape)");
        }
    }

    private void example(String name, long number, String[] values) {
        if (values.length != columns.size()) {
            throw new JobSpecException(field + ".path: " + name + " line " + number + " has " + values.length
                    + " values, but the data has " + columns.size() + " columns ("
                    + abbreviate(String.join(", ", columns)) + ")");
        }
        for (int i = 0; i < values.length; i++) {
            String problem = i == labelColumn ? labelProblem(values[i]) : featureProblem(values[i]);
            if (problem != null) {
                throw new JobSpecException(field + ".path: " + name + " line " + number + ", column \"" + columns.get(i)
                        + "\"" + problem);
            }
        }
        examples++;
    }

    /** What is wrong with a feature value, as the end of a message, or null if nothing. */
    private static String featureProblem(String value) {
        String number = value == null ? "" : value.strip();
        if (number.isEmpty()) {
            return " is empty";
        }
        if (NOT_FINITE.matcher(number).matches()) {
            return ": " + quoted(value) + " is not a finite number";
        }
        if (!decimal(number)) {
            return ": " + quoted(value) + " is not a number";
        }
        // Only an exponent or some 39 digits reach past a float's range: parse just those.
        boolean large = number.length() > 38 || number.indexOf('e') >= 0 || number.indexOf('E') >= 0;
        if (large && Float.isInfinite((float) Double.parseDouble(number))) {
            return ": " + quoted(value) + " is too large for a 32-bit float feature";
        }
        return null;
    }

    /**
     * Whether {@code s} is a decimal number as people write them: a sign, digits with an optional
     * point, an optional exponent. By hand rather than by regular expression, as this runs for
     * every cell of the data.
     */
    static boolean decimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        for (; i < n && digit(s.charAt(i)); i++) {
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            for (i++; i < n && digit(s.charAt(i)); i++) {
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            for (; i < n && digit(s.charAt(i)); i++) {
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private String labelProblem(String value) {
        String problem = featureProblem(value);
        if (problem != null) {
            return problem;
        }
        double number = Double.parseDouble(value.strip());
        if (number != Math.rint(number) || number < 0 || number >= classes) {
            return ": " + quoted(value) + " is not a class: labels are whole numbers from 0 to " + (classes - 1)
                    + " (model.classes is " + classes + ")";
        }
        return null;
    }

    /** The names Spark gives header columns: {@code _c<i>} for an empty one, a duplicate's index appended to it. */
    private static List<String> safeNames(String[] values) {
        List<String> lower = Arrays.stream(values).map(v -> v == null ? null : v.toLowerCase(Locale.ROOT)).toList();
        List<String> names = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            if (v == null || v.isEmpty()) {
                names.add("_c" + i);
            } else if (lower.indexOf(lower.get(i)) != lower.lastIndexOf(lower.get(i))) {
                names.add(v + i);
            } else {
                names.add(v);
            }
        }
        return names;
    }

    /** The names Spark gives the columns of a file without a header. */
    private static List<String> positional(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add("_c" + i);
        }
        return names;
    }

    /** Spark's CSVOptions.asParserSettings with the defaults DataSources leaves in place. */
    private static CsvParserSettings sparkDefaults() {
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setDelimiter(',');
        settings.getFormat().setQuote('"');
        settings.getFormat().setQuoteEscape('\\');
        settings.setCommentProcessingEnabled(false);
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        settings.setReadInputOnSeparateThread(false);
        settings.setMaxColumns(MAX_COLUMNS);
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setMaxCharsPerColumn(-1);
        settings.setUnescapedQuoteHandling(UnescapedQuoteHandling.STOP_AT_DELIMITER);
        settings.setLineSeparatorDetectionEnabled(false);
        return settings;
    }

    private static String quoted(String value) {
        return "\"" + abbreviate(value) + "\"";
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
