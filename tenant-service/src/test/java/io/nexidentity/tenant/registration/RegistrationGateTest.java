package io.nexidentity.tenant.registration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.net.ClientAddress;
import io.nexidentity.runtime.problem.ProblemException;

class RegistrationGateTest {

    @Test
    void checkWhenClosedThenForbiddenWithoutCountingAnything() throws Exception {
        var gate = new RegistrationGate(config(RegistrationConfig.Mode.CLOSED, null), null);

        assertThatThrownBy(() -> gate.check(new ClientAddress(InetAddress.getByName("198.51.100.1")), "any")
                        .await()
                        .indefinitely())
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("registration is off");
    }

    @Test
    void constructWhenKeyModeWithoutKeyThenRefusesToStart() {
        assertThatThrownBy(() -> new RegistrationGate(config(RegistrationConfig.Mode.KEY, null), null))
                .isInstanceOf(IllegalStateException.class);
    }

    private static RegistrationConfig config(RegistrationConfig.Mode mode, String key) {
        return new RegistrationConfig() {
            @Override
            public Mode mode() {
                return mode;
            }

            @Override
            public Optional<String> key() {
                return Optional.ofNullable(key);
            }

            @Override
            public int attemptsPerAddress() {
                return 10;
            }

            @Override
            public Duration window() {
                return Duration.ofHours(1);
            }
        };
    }
}
