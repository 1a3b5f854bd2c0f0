package io.nexidentity.runtime.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void newIdWhenGeneratedThenVersion7Variant2() {
        var id = Ids.newId();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void newIdWhenGeneratedAcrossMillisecondsThenOrderFollowsCreation() {
        var start = System.currentTimeMillis();
        var ids = new ArrayList<UUID>();
        for (int i = 0; i < 5; i++) {
            ids.add(Ids.newId(start + i));
        }

        assertThat(ids).isSortedAccordingTo(UUID::compareTo);
        assertThat(ids.get(0).getMostSignificantBits() >>> 16).isEqualTo(start);
        assertThat(Ids.newId().getMostSignificantBits() >>> 16)
                .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(1000L));
    }
}
