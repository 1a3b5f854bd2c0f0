package io.nexidentity.runtime.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

/** Moving sealed values to a rotated key-encryption key, against PostgreSQL. */
@QuarkusTest
class ResealTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Test
    void everyValueOfThePreviousKeysMovesToTheCurrentKeyAndStillOpens() {
        var table = "reseal_probe_" + UUID.randomUUID().toString().replace("-", "");
        pool.query("create table " + table + " (id uuid primary key, owner text not null, sealed text)")
                .execute()
                .await()
                .atMost(WAIT);
        var old = AesGcmSealerTest.newKey();
        var before = new AesGcmSealer(old, "test.key");
        for (int i = 0; i < 250; i++) {
            var id = UUID.randomUUID();
            pool.preparedQuery("insert into " + table + " values ($1, $2, $3)")
                    .execute(Tuple.of(id, "owner-" + i, i % 50 == 0 ? null : before.seal("owner-" + i, "secret-" + i)))
                    .await()
                    .atMost(WAIT);
        }
        var registry = new SimpleMeterRegistry();
        var rotated = new AesGcmSealer(AesGcmSealerTest.newKey(), List.of(old), "test.key");
        var reseal = new Reseal(pool, rotated, registry, table, "id", "sealed", row -> row.getString("owner"));

        var moved = reseal.run().await().atMost(WAIT);

        assertThat(moved).isEqualTo(245);
        assertThat(registry.get("nexid.sealed.values.on.previous.keys").gauge().value())
                .isZero();
        for (var row : pool.query("select * from " + table).execute().await().atMost(WAIT)) {
            var sealed = row.getString("sealed");
            if (sealed != null) {
                assertThat(rotated.sealedWithCurrentKey(sealed)).isTrue();
                var owner = row.getString("owner");
                assertThat(rotated.open(owner, sealed)).isEqualTo("secret-" + owner.substring("owner-".length()));
            }
        }
        assertThat(reseal.run().await().atMost(WAIT)).isZero();
        pool.query("drop table " + table).execute().await().atMost(WAIT);
    }
}
