package dev.gantry.training.spark;

import java.io.Serializable;
import org.apache.spark.api.java.function.FlatMapFunction;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/** Adapts a Java partition function to the Scala function {@code RDDBarrier.mapPartitions} takes; Spark has no Java barrier API. */
final class BarrierFunction<T, R> extends AbstractFunction1<Iterator<T>, Iterator<R>> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final FlatMapFunction<java.util.Iterator<T>, R> body;

    BarrierFunction(FlatMapFunction<java.util.Iterator<T>, R> body) {
        this.body = body;
    }

    @Override
    public Iterator<R> apply(Iterator<T> rows) {
        try {
            return CollectionConverters.asScala(body.call(CollectionConverters.asJava(rows)));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
