package org.forkline.web.internal.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

    private static final long LENGTH = 10_000;

    @ParameterizedTest(name = "{0} -> {1}-{2}")
    @CsvSource(delimiter = ';', value = {
            "bytes=0-499; 0; 499",
            "bytes=500-999; 500; 999",
            "bytes=9999-9999; 9999; 9999",
            "bytes=9000-; 9000; 9999",
            "bytes=0-; 0; 9999",
            "bytes=-500; 9500; 9999",
            "bytes=-1; 9999; 9999",
            "bytes=-20000; 0; 9999",
            "bytes=9500-20000; 9500; 9999",
            "bytes=0-99999999999999999999999; 0; 9999",
            "BYTES=1-2 ; 1; 2",
            "bytes= 3 - 4; 3; 4"})
    void aSatisfiableSingleRangeIsPartial(String header, long first, long last) {
        assertThat(ByteRange.parse(header, LENGTH)).isEqualTo(new ByteRange.Partial(first, last));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=10000-", "bytes=10000-10005", "bytes=20000-30000", "bytes=-0",
            "bytes=99999999999999999999999-"})
    void aRangeWithoutAnyByteIsUnsatisfiable(String header) {
        assertThat(ByteRange.parse(header, LENGTH)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void emptyContentCannotSatisfyAnyRange() {
        assertThat(ByteRange.parse("bytes=0-", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=-5", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "bytes=", "bytes=0-9,20-29", "bytes=0-9, 20-", "items=0-9", "bytes=5-2",
            "bytes=a-b", "bytes=-", "bytes=1", "bytes =1-2", "bytes=-1-2", "bytes=+1-2", "bytes=0x10-"})
    void multipleOtherUnitsAndMalformedRangesAreServedWhole(String header) {
        assertThat(ByteRange.parse(header, LENGTH)).isInstanceOf(ByteRange.Full.class);
    }

    @Test
    void aPartialKnowsItsCountAndContentRange() {
        ByteRange.Partial partial = new ByteRange.Partial(1000, 1999);

        assertThat(partial.count()).isEqualTo(1000);
        assertThat(partial.contentRange(LENGTH)).isEqualTo("bytes 1000-1999/10000");
    }
}
