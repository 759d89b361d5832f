package org.forkline.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

class UserErrorsTest {

    @Test
    void badInputBecomesACommandExceptionWithTheSameMessage() {
        assertThatThrownBy(() -> UserErrors.oneLine(() -> {
            throw new IllegalArgumentException("--limit must be between 1 and 1000, was 0");
        })).isInstanceOf(CommandException.class).hasMessage("--limit must be between 1 and 1000, was 0");
    }

    @Test
    void realFailuresPassThroughForKarafToLog() {
        assertThatThrownBy(() -> UserErrors.oneLine(() -> {
            throw new IllegalStateException("database down");
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBodyThatWorksPrintsNothingMore() throws CommandException {
        assertThat(UserErrors.oneLine(() -> { })).isNull();
    }
}
