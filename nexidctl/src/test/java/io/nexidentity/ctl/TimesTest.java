package io.nexidentity.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class TimesTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void parseWhenASpanThenThatLongBeforeNow() {
        assertThat(Times.parse("--from", "90m", clock)).isEqualTo("2026-11-29T10:30:00Z");
        assertThat(Times.parse("--from", "2H", clock)).isEqualTo("2026-11-29T10:00:00Z");
        assertThat(Times.parse("--from", "7d", clock)).isEqualTo("2026-11-22T12:00:00Z");
        assertThat(Times.parse("--to", "0s", clock)).isEqualTo("2026-11-29T12:00:00Z");
    }

    @Test
    void parseWhenRfc3339WithAnOffsetThenTheSameInstantInUtc() {
        assertThat(Times.parse("--from", "2026-11-29T03:00:00+01:00", clock)).isEqualTo("2026-11-29T02:00:00Z");
    }

    @Test
    void parseWhenNeitherThenNamesTheOptionAndTheForms() {
        assertThatThrownBy(() -> Times.parse("--failed-since", "-5h", clock))
                .isInstanceOf(CtlException.class)
                .hasMessageStartingWith("--failed-since: -5h is neither");
    }
}
