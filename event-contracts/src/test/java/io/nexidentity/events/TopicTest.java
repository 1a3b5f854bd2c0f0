package io.nexidentity.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The local platform creates the topics explicitly, so its list must be this enum. */
class TopicTest {

    private static final Path LAUNCHER = Path.of("..", "nexid");

    @Test
    void launcherWhenCreatingTopicsThenCreatesEveryTopicWithTheContractPartitionCount() throws Exception {
        var script = Files.readString(LAUNCHER);

        var topics = Pattern.compile("(?m)^TOPICS=\\(([^)]*)\\)").matcher(script);
        var partitions = Pattern.compile("(?m)^TOPIC_PARTITIONS=(\\d+)").matcher(script);

        assertThat(topics.find()).isTrue();
        assertThat(topics.group(1).trim().split("\\s+"))
                .containsExactlyInAnyOrder(
                        Arrays.stream(Topic.values()).map(Topic::topicName).toArray(String[]::new));
        assertThat(partitions.find()).isTrue();
        assertThat(Integer.parseInt(partitions.group(1))).isEqualTo(Topic.PARTITIONS);
    }
}
