package io.nexidentity.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class EventCatalogTest {

    @Test
    void catalogWhenListedThenTypeNamesAreUnique() {
        assertThat(EventCatalog.ALL.stream().map(EventType::type)).doesNotHaveDuplicates();
    }

    @Test
    void eventsDocWhenReadThenEveryTypeHasAnExample() throws Exception {
        var doc = Files.readString(Path.of("..", "docs", "events.md"));

        for (EventType<?> type : EventCatalog.ALL) {
            assertThat(doc)
                    .as("docs/events.md documents %s with an example", type.type())
                    .contains("\"type\": \"" + type.type() + "\"");
        }
    }
}
