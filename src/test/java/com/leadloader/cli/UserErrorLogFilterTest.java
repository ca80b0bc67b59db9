package com.leadloader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.core.spi.FilterReply;
import com.leadloader.source.SourceException;
import org.junit.jupiter.api.Test;

class UserErrorLogFilterTest {

    private final UserErrorLogFilter filter = new UserErrorLogFilter();

    @Test
    void anEventCausedByAUserMistakeIsDropped() {
        RuntimeException wrapped = new IllegalStateException("step failed", new SourceException("leads.csv: line 3: ..."));
        assertThat(filter.decide(null, null, null, "Encountered an error", null, wrapped)).isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, null, null, "failed {}", new Object[] {"x", wrapped}, null))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void otherEventsAreLeftAlone() {
        assertThat(filter.decide(null, null, null, "boom", null, new IllegalStateException("bug")))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, null, null, "progress {}", new Object[] {42}, null)).isEqualTo(FilterReply.NEUTRAL);
    }
}
