package org.forkline.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrainSwitchTest {

    @TempDir
    Path dataArea;

    @Test
    void drainedIsPersistedAndReadBackByTheNextInstance() {
        Path file = dataArea.resolve("sip").resolve("drained");
        DrainSwitch first = new DrainSwitch(file);
        assertThat(first.isDrained()).isFalse();

        first.set(true);

        assertThat(first.isDrained()).isTrue();
        assertThat(file).exists();
        assertThat(new DrainSwitch(file).isDrained()).isTrue();
    }

    @Test
    void resumingRemovesTheFlag() {
        Path file = dataArea.resolve("drained");
        DrainSwitch drain = new DrainSwitch(file);
        drain.set(true);

        drain.set(false);

        assertThat(drain.isDrained()).isFalse();
        assertThat(Files.exists(file)).isFalse();
        assertThat(new DrainSwitch(file).isDrained()).isFalse();
    }

    @Test
    void withoutADataAreaTheFlagStillAppliesInMemory() {
        DrainSwitch drain = new DrainSwitch(null);

        drain.set(true);

        assertThat(drain.isDrained()).isTrue();
    }

    @Test
    void anUnwritableDataAreaKeepsTheFlagInMemory() throws Exception {
        Path blocker = Files.writeString(dataArea.resolve("file"), "x");
        DrainSwitch drain = new DrainSwitch(blocker.resolve("drained"));

        drain.set(true);

        assertThat(drain.isDrained()).isTrue();
    }
}
