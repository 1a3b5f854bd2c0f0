package io.nexidentity.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The images the manifests run are the ones the build makes: {@code <registry>/<group>/<service>:<version>} from the
 * services' container-image configuration (service-runtime) and the project version; they run as the image's user;
 * and the JVM flags stay single-sourced in the image (no manifest overrides them).
 */
class ImagesTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void imagesWhenRenderedThenThoseTheBuildMakesRunAsTheirUserWithTheirOwnJvmFlags(String overlay) {
        var manifests = Manifests.of(overlay);
        for (var service : Services.NAMES) {
            var config = Services.config(service);
            var expected = config.get("quarkus.container-image.registry") + "/"
                    + config.get("quarkus.container-image.group") + "/" + config.get("quarkus.application.name") + ":"
                    + System.getProperty("nexid.version");
            var pod = manifests
                    .one("Deployment", service)
                    .path("spec")
                    .path("template")
                    .path("spec");
            var container = pod.path("containers").get(0);
            assertThat(container.path("image").asText()).isEqualTo(expected);
            assertThat(pod.path("securityContext").path("runAsUser").asText())
                    .isEqualTo(config.get("quarkus.jib.user"));
            assertThat(config.get("quarkus.jib.jvm-additional-arguments")).contains("-XX:MaxRAMPercentage=");
            container
                    .path("env")
                    .forEach(variable -> assertThat(variable.path("name").asText())
                            .isNotIn("JAVA_TOOL_OPTIONS", "JAVA_OPTS", "JAVA_OPTS_APPEND", "JDK_JAVA_OPTIONS"));
        }
    }
}
