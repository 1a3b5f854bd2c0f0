package io.nexidentity.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class LoopbackCallbackTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void awaitWhenTheBrowserComesBackThenItsAnswerAndTheBrowserGetsItsPageBeforeThePortCloses() throws Exception {
        for (var round = 0; round < 20; round++) {
            var callback = LoopbackCallback.open("s");
            // as nexidctl does: close the port the moment the answer is there
            var closed = CompletableFuture.supplyAsync(() -> {
                try (callback) {
                    return callback.await(Duration.ofSeconds(10));
                }
            });

            var page = http.send(
                    HttpRequest.newBuilder(URI.create(callback.redirectUri() + "?code=c%2B1&state=s"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("return to the terminal");
            assertThat(closed.get()).containsEntry("code", "c+1").containsEntry("state", "s");
        }
    }

    @Test
    void receiveWhenAnotherPathStateOrASecondAnswerThenRefusedAndTheFirstAnswerStands() throws Exception {
        try (var callback = LoopbackCallback.open("s")) {
            var base = callback.redirectUri().replace("/callback", "");

            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create(base + "/favicon.ico"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .isEqualTo(404);
            assertThat(send(callback.redirectUri() + "?code=probe&state=other")).isEqualTo(400);
            assertThat(send(callback.redirectUri() + "?code=first&state=s")).isEqualTo(200);
            assertThat(send(callback.redirectUri() + "?code=second&state=s")).isEqualTo(400);
            assertThat(callback.await(Duration.ofSeconds(1))).containsEntry("code", "first");
            assertThat(callback.redirectUri()).startsWith("http://127.0.0.1:");
        }
    }

    private int send(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
