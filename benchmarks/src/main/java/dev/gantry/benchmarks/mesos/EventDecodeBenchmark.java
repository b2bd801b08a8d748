package dev.gantry.benchmarks.mesos;

import dev.gantry.protocol.MediaType;
import dev.gantry.protocol.RecordIo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Events decoded per second on the scheduler side: RecordIO framing plus protobuf or Mesos JSON
 * decoding, over a mixed stream (one OFFERS of 10 GPU agents per 8 UPDATEs and a HEARTBEAT).
 * The JSON figure is reported as a ratio against protobuf, Gantry's default, in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventDecodeBenchmark {
    static final int EVENTS = 1000;

    @Param({"PROTOBUF", "JSON"})
    public MediaType mediaType;

    private byte[] stream;

    @Setup(Level.Trial)
    public void encode() throws IOException {
        stream = SampleEvents.stream(mediaType, EVENTS);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void decodeStream(Blackhole sink) throws IOException {
        RecordIo.Reader reader = new RecordIo.Reader(new ByteArrayInputStream(stream));
        byte[] record;
        while ((record = reader.next()) != null) {
            Event event = mediaType.decode(record, Event.newBuilder());
            sink.consume(event);
        }
    }
}
