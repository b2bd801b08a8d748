package dev.gantry.training.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a {@link DataSpec} into a DataFrame with two columns, {@code features} (an array of
 * floats or an ML vector) and {@code label} (a whole number), which is what training takes.
 * Errors name the file or option at fault in one line.
 */
public final class DataSources {
    public static final String FEATURES = "features";
    public static final String LABEL = "label";

    private static final StructType ARRAY_SCHEMA = new StructType()
            .add(FEATURES, DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add(LABEL, DataTypes.IntegerType, false);

    /** Formats made on the executors from a seed, which read no file. */
    private static final Set<String> GENERATED = Set.of("synthetic", "digits");

    private DataSources() {}

    public static Dataset<Row> read(SparkSession spark, DataSpec spec, int featureCount) {
        String format = spec.format() == null ? "" : spec.format().toLowerCase(Locale.ROOT);
        if (!GENERATED.contains(format)) {
            requireReadable(spec.path(), "data.path");
        }
        return switch (format) {
            case "synthetic" -> synthetic(spark, spec, featureCount);
            case "digits" -> digits(spark, spec, featureCount);
            case "idx" -> idx(spark, spec);
            case "csv" -> csv(spark, spec);
            case "libsvm" -> spark.read().format("libsvm").option("numFeatures", featureCount).load(spec.path())
                    .select(FEATURES, LABEL);
            case "parquet" -> spark.read().parquet(spec.path())
                    .selectExpr(spec.option("featuresColumn", FEATURES) + " as " + FEATURES,
                            spec.option("labelColumn", LABEL) + " as " + LABEL);
            default -> throw new IllegalArgumentException("data.format must be one of idx, csv, libsvm, parquet, synthetic, digits; got '"
                    + spec.format() + "'");
        };
    }

    private static Dataset<Row> synthetic(SparkSession spark, DataSpec spec, int featureCount) {
        int examples = intOption(spec, "examples", 10_000);
        int classes = intOption(spec, "classes", 10);
        long seed = longOption(spec, "seed", 7);
        double separation = Double.parseDouble(spec.option("separation", "6"));
        long first = longOption(spec, "offset", 0);
        SyntheticClassification data = new SyntheticClassification(featureCount, classes, separation, seed);
        return generated(spark, first, examples, i -> {
            float[] x = new float[featureCount];
            data.features(i, x, 0);
            return RowFactory.create(boxed(x), data.label(i));
        });
    }

    /** Like synthetic data, the images are drawn on the executors, each from (seed, index): only the seed travels. */
    private static Dataset<Row> digits(SparkSession spark, DataSpec spec, int featureCount) {
        if (featureCount != DigitImages.FEATURES) {
            throw new IllegalArgumentException("digits data is 28 x 28 grey images, " + DigitImages.FEATURES
                    + " features, but the model takes " + featureCount + "; set model.inputShape to [784] or [28, 28, 1]");
        }
        int examples = intOption(spec, "examples", 10_000);
        long first = longOption(spec, "offset", 0);
        DigitImages data = new DigitImages(longOption(spec, "seed", 7));
        return generated(spark, first, examples, i -> {
            float[] x = new float[DigitImages.FEATURES];
            data.features(i, x, 0);
            return RowFactory.create(boxed(x), data.label(i));
        });
    }

    /** Examples {@code first .. first + examples - 1}, each made where its partition is computed. */
    private static Dataset<Row> generated(SparkSession spark, long first, int examples, Function<Long, Row> example) {
        int slices = Math.max(1, spark.sparkContext().defaultParallelism());
        return spark.createDataFrame(spark.range(first, first + examples, 1, slices).toJavaRDD().map(example), ARRAY_SCHEMA);
    }

    /** IDX images become pixel values scaled to [0, 1]. The files are read on the driver: IDX data sets are small. */
    private static Dataset<Row> idx(SparkSession spark, DataSpec spec) {
        String labelsPath = spec.options().get("labels");
        if (labelsPath == null) {
            throw new IllegalArgumentException("data.options.labels is required for idx data: the labels file");
        }
        requireReadable(labelsPath, "data.options.labels");
        IdxFile images = IdxFile.read(Path.of(spec.path()));
        IdxFile labels = IdxFile.read(Path.of(labelsPath));
        if (labels.count() != images.count() || labels.itemSize() != 1) {
            throw new IllegalArgumentException("data file " + labelsPath + " holds " + labels.count()
                    + " labels for " + images.count() + " images in " + spec.path());
        }
        int size = images.itemSize();
        List<Row> rows = new ArrayList<>(images.count());
        for (int i = 0; i < images.count(); i++) {
            Float[] x = new Float[size];
            for (int f = 0; f < size; f++) {
                x[f] = images.unsigned(i * size + f) / 255f;
            }
            rows.add(RowFactory.create(x, labels.unsigned(i)));
        }
        return spark.createDataFrame(rows, ARRAY_SCHEMA);
    }

    private static Dataset<Row> csv(SparkSession spark, DataSpec spec) {
        String label = spec.option("label", LABEL);
        Dataset<Row> raw = spark.read().option("header", spec.option("header", "true")).option("inferSchema", "true")
                .csv(spec.path());
        if (!Arrays.asList(raw.columns()).contains(label)) {
            throw new IllegalArgumentException("data file " + spec.path() + " has no label column '" + label
                    + "' (columns: " + String.join(", ", raw.columns()) + "); set data.options.label");
        }
        String[] features = Arrays.stream(raw.columns()).filter(c -> !c.equals(label)).toArray(String[]::new);
        return new VectorAssembler().setInputCols(features).setOutputCol(FEATURES).transform(raw)
                .selectExpr(FEATURES, "cast(" + quoted(label) + " as int) as " + LABEL);
    }

    private static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    private static Float[] boxed(float[] x) {
        Float[] out = new Float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
        return out;
    }

    private static int intOption(DataSpec spec, String key, int fallback) {
        String value = spec.option(key, Integer.toString(fallback));
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("data.options." + key + " must be a positive whole number, got '" + value + "'");
    }

    private static long longOption(DataSpec spec, String key, long fallback) {
        String value = spec.option(key, Long.toString(fallback));
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("data.options." + key + " must be a whole number, got '" + value + "'");
        }
    }

    /** Local paths are checked up front; URIs with a scheme (hdfs://, s3a://) are left to Spark. */
    private static void requireReadable(String path, String field) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !path.startsWith("file://")) {
            return;
        }
        Path local = Path.of(path.startsWith("file://") ? path.substring("file://".length()) : path);
        if (!Files.isReadable(local)) {
            throw new IllegalArgumentException("data file " + path + " (" + field + ") does not exist or cannot be read");
        }
    }
}
