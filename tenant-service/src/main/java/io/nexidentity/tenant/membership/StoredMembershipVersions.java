package io.nexidentity.tenant.membership;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import io.nexidentity.runtime.security.MembershipVersions;

/** The {@code perm_ver} of memberships from the tenant-service's own table, where every change is made. */
@ApplicationScoped
public class StoredMembershipVersions implements MembershipVersions {

    private final Pool pool;

    StoredMembershipVersions(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Optional<Integer>> current(UUID membershipId) {
        return pool.preparedQuery("select perm_ver from membership where id = $1")
                .execute(Tuple.of(membershipId))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getInteger("perm_ver")));
    }
}
