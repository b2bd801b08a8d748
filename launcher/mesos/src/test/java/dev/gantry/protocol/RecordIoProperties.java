package dev.gantry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RecordIoProperties {

    @Property
    void framedRecordsReadBackInOrder(@ForAll @Size(max = 20) List<@Size(max = 300) byte[]> records) throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (byte[] record : records) {
            stream.write(RecordIo.frame(record));
        }
        RecordIo.Reader reader = new RecordIo.Reader(new ByteArrayInputStream(stream.toByteArray()));
        List<byte[]> read = new ArrayList<>();
        byte[] next;
        while ((next = reader.next()) != null) {
            read.add(next);
        }
        assertThat(read).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            assertThat(read.get(i)).isEqualTo(records.get(i));
        }
    }

    @Property
    void aStreamCutInsideARecordIsAnError(@ForAll @Size(min = 1, max = 100) byte[] record,
                                          @ForAll @IntRange(min = 1, max = 1000) int cutSeed) {
        byte[] framed = RecordIo.frame(record);
        int cut = 1 + cutSeed % (framed.length - 1);
        RecordIo.Reader reader = new RecordIo.Reader(new ByteArrayInputStream(Arrays.copyOf(framed, cut)));
        assertThatThrownBy(reader::next).isInstanceOf(EOFException.class);
    }

    @Test
    void aLengthPrefixOverTheBoundIsRefusedBeforeReading() {
        byte[] hostile = "99999999999\n".getBytes(StandardCharsets.US_ASCII);
        RecordIo.Reader reader = new RecordIo.Reader(new ByteArrayInputStream(hostile), 1024);
        assertThatThrownBy(reader::next).isInstanceOf(RecordIoException.class).hasMessageContaining("exceeds the limit");
        byte[] endless = new byte[100];
        Arrays.fill(endless, (byte) '1');
        assertThatThrownBy(new RecordIo.Reader(new ByteArrayInputStream(endless))::next)
                .isInstanceOf(RecordIoException.class);
    }

    @Test
    void garbageInAPrefixIsRefused() {
        RecordIo.Reader reader = new RecordIo.Reader(new ByteArrayInputStream("12x\n".getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(reader::next).isInstanceOf(RecordIoException.class).hasMessageContaining("unexpected byte");
    }
}
