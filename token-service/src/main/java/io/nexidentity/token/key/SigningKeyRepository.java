package io.nexidentity.token.key;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import io.nexidentity.token.key.SigningKey.KeyStatus;

@ApplicationScoped
public class SigningKeyRepository implements PanacheRepositoryBase<SigningKey, String> {

    /** The tenant's published keys (the shared issuer's for null), oldest first. */
    public Uni<List<SigningKey>> live(UUID tenantId) {
        return tenantId == null
                ? find("tenantId is null and status <> ?1 order by activatesAt", KeyStatus.EXPIRED)
                        .list()
                : find("tenantId = ?1 and status <> ?2 order by activatesAt", tenantId, KeyStatus.EXPIRED)
                        .list();
    }

    /** Tenant, kid and status of every published key: enough to tell whose ring changed. */
    public Uni<List<KeyState>> states() {
        return find("status <> ?1", KeyStatus.EXPIRED).project(KeyState.class).list();
    }

    /**
     * The tenants (null: the shared issuer) whose keys have a step due at {@code now}: a key to publish ahead of its
     * rotation ({@code rotateFrom} is when the active key's successor must be published), one to activate, one to stop
     * publishing, or a shared-issuer key still signing.
     */
    public Uni<List<UUID>> due(Instant now, Instant rotateFrom) {
        return getSession()
                .flatMap(session -> session.createQuery("""
                                select distinct k.tenantId from SigningKey k
                                where (k.status = :next and k.activatesAt <= :now)
                                   or (k.status = :retired and k.publishedUntil <= :now)
                                   or (k.tenantId is null and k.status in (:active, :next))
                                   or (k.tenantId is not null and k.status = :active and k.activatesAt <= :rotateFrom
                                       and not exists (select 1 from SigningKey n
                                           where n.tenantId = k.tenantId and n.alg = k.alg and n.status = :next))""", UUID.class)
                        .setParameter("next", KeyStatus.NEXT)
                        .setParameter("retired", KeyStatus.RETIRED)
                        .setParameter("active", KeyStatus.ACTIVE)
                        .setParameter("now", now)
                        .setParameter("rotateFrom", rotateFrom)
                        .getResultList());
    }

    /** The access-token algorithm of every tenant that chose one, by tenant (rows with unreadable ids are skipped). */
    public Uni<Map<UUID, String>> chosenAlgorithms() {
        return getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select id, record::jsonb ->> 'access_token_signing_alg' from projected_tenant_signing"
                                        + " where record is not null",
                                Object[].class)
                        .getResultList())
                .map(rows -> {
                    var chosen = new HashMap<UUID, String>();
                    for (var row : rows) {
                        try {
                            chosen.put(UUID.fromString((String) row[0]), (String) row[1]);
                        } catch (IllegalArgumentException unreadable) {
                            // not a tenant: nothing of it can be keyed
                        }
                    }
                    return chosen;
                });
    }

    /**
     * The tenants whose keys do not match their choice of access-token algorithm: a tenant already keyed that chose an
     * algorithm it has no key of, or that still keys one it chose no more (other than those every issuer keeps).
     */
    public Uni<List<UUID>> choiceDue() {
        return getSession()
                .flatMap(session -> session.createNativeQuery("""
                                select k.tenant_id from signing_key k
                                join projected_tenant_signing p on p.id = cast(k.tenant_id as text)
                                where k.status = 'ACTIVE' and p.record is not null
                                  and not exists (select 1 from signing_key c
                                      where c.tenant_id = k.tenant_id and c.status in ('ACTIVE', 'NEXT')
                                        and c.alg = p.record::jsonb ->> 'access_token_signing_alg')
                                union
                                select k.tenant_id from signing_key k
                                where k.tenant_id is not null and k.status in ('ACTIVE', 'NEXT')
                                  and k.alg not in ('RS256', 'ES256')
                                  and not exists (select 1 from projected_tenant_signing p
                                      where p.id = cast(k.tenant_id as text) and p.record is not null
                                        and p.record::jsonb ->> 'access_token_signing_alg' = k.alg)""", UUID.class).getResultList());
    }

    public record KeyState(UUID tenantId, String kid, KeyStatus status) {}
}
