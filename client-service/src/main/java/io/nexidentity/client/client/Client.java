package io.nexidentity.client.client;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.nexidentity.client.client.ClientProfile.AuthMethod;
import io.nexidentity.runtime.persistence.StringListColumn;

/** An OAuth client of an application. */
@Entity
@Table(name = "client")
public class Client {

    @Id
    public String id;

    public UUID tenantId;
    public UUID organizationId;
    public UUID applicationId;
    public String applicationKey;
    public String name;

    @Enumerated(EnumType.STRING)
    public ClientProfile profile;

    @Enumerated(EnumType.STRING)
    public ClientStatus status;

    @Enumerated(EnumType.STRING)
    public AuthMethod tokenEndpointAuthMethod;

    @Convert(converter = StringListColumn.class)
    public List<String> redirectUris;

    @Convert(converter = StringListColumn.class)
    public List<String> postLogoutRedirectUris;

    @Convert(converter = StringListColumn.class)
    public List<String> scopes;

    /** Public JWK Set: keys for private_key_jwt, certificates (x5c) for self_signed_tls_client_auth. */
    public String jwks;

    /** RFC 4514 subject DN expected of the client certificate (tls_client_auth). */
    public String tlsClientAuthSubjectDn;

    /** base64url SHA-256 thumbprints of registered self-signed certificates (x5t#S256). */
    @Convert(converter = StringListColumn.class)
    public List<String> certificateThumbprints;

    /**
     * Admin API permissions of a service account (an automation client): granted explicitly, never more than the
     * granting caller held; empty for other clients.
     */
    @Convert(converter = StringListColumn.class)
    public List<String> adminPermissions;

    /** The algorithm of the client's access tokens; null: as its tenant chose. */
    public String accessTokenSigningAlg;

    public Instant createdAt;
    public Instant updatedAt;

    public enum ClientStatus {
        ACTIVE,
        DISABLED
    }
}
