package io.nexidentity.application.manifest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import io.nexidentity.application.application.Application;
import io.nexidentity.application.application.Application.ApplicationStatus;
import io.nexidentity.application.application.ApplicationRepository;
import io.nexidentity.application.publisher.ManifestCaller;
import io.nexidentity.events.application.ApplicationEvents;
import io.nexidentity.events.application.ApplicationEvents.ManifestPublished;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.runtime.problem.Problem;
import io.nexidentity.runtime.problem.ProblemException;

/**
 * Versioned feature manifests: a version, once published, never changes (publishing it again with the same document
 * is a no-op, with another document a conflict); the most recent publication is the latest.
 */
@ApplicationScoped
public class ManifestService {

    private final ApplicationRepository applications;
    private final ManifestRepository manifests;
    private final ManifestValidator validator;
    private final OutboxWriter outbox;
    private final ObjectMapper mapper;
    private final Clock clock;

    ManifestService(
            ApplicationRepository applications,
            ManifestRepository manifests,
            ManifestValidator validator,
            OutboxWriter outbox,
            ObjectMapper mapper,
            Clock clock) {
        this.applications = applications;
        this.manifests = manifests;
        this.validator = validator;
        this.outbox = outbox;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Publishes a version; the result says whether it was new. */
    @WithTransaction
    public Uni<Published> publish(ManifestCaller caller, String applicationKey, String version, String body) {
        var document = validator.validate(body);
        return applications
                .find("key", applicationKey)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .flatMap(application -> {
                    requirePublisher(caller, application, applicationKey);
                    if (application.status != ApplicationStatus.ACTIVE) {
                        throw ProblemException.conflict(
                                "application-not-active", "Manifests are published for active applications only.");
                    }
                    return manifests.find(application.id, version).flatMap(existing -> {
                        if (existing != null) {
                            if (readTree(existing.document).equals(document)) {
                                return Uni.createFrom().item(new Published(existing, false));
                            }
                            throw ProblemException.conflict(
                                    "manifest-version-exists",
                                    "Version " + version + " is published with another document; versions are"
                                            + " immutable, publish a new version.");
                        }
                        return create(caller, application, version, document);
                    });
                });
    }

    @WithSession
    public Uni<Manifest> latest(ManifestCaller caller, String applicationKey) {
        return readable(caller, applicationKey).flatMap(application -> {
            if (application.latestManifest == null) {
                throw ProblemException.notFound("Manifest of application", applicationKey);
            }
            return manifests.find(application.id, application.latestManifest);
        });
    }

    @WithSession
    public Uni<Manifest> version(ManifestCaller caller, String applicationKey, String version) {
        return readable(caller, applicationKey)
                .flatMap(application -> manifests.find(application.id, version))
                .map(found -> {
                    if (found == null) {
                        throw ProblemException.notFound("Manifest version", version);
                    }
                    return found;
                });
    }

    @WithSession
    public Uni<List<Manifest>> versions(ManifestCaller caller, String applicationKey) {
        return readable(caller, applicationKey).flatMap(application -> manifests.versions(application.id, 200));
    }

    private Uni<Published> create(ManifestCaller caller, Application application, String version, JsonNode document) {
        var manifest = new Manifest();
        manifest.applicationId = application.id;
        manifest.version = version;
        manifest.document = write(document);
        manifest.etag = etag(application.key, version, manifest.document);
        manifest.publishedAt = clock.instant();
        manifest.publishedBy = caller.clientId();
        manifest.path = caller.path();
        application.latestManifest = version;
        return manifests
                .persist(manifest)
                .flatMap(saved -> outbox.append(
                        ApplicationEvents.MANIFEST_PUBLISHED,
                        application.id.toString(),
                        application.tenantId.toString(),
                        new ManifestPublished(
                                application.id,
                                application.key,
                                version,
                                manifest.etag,
                                caller.clientId(),
                                caller.path())))
                .replaceWith(new Published(manifest, true));
    }

    private Uni<Application> readable(ManifestCaller caller, String applicationKey) {
        return applications.findByKey(applicationKey).map(application -> {
            if (application == null || !caller.mayRead(application.id, application.key, application.tenantId)) {
                throw ProblemException.notFound("Application", applicationKey);
            }
            return application;
        });
    }

    private static void requirePublisher(ManifestCaller caller, Application application, String applicationKey) {
        if (application == null) {
            throw ProblemException.notFound("Application", applicationKey);
        }
        if (!caller.mayPublish(application.id, application.key, application.tenantId)) {
            throw new ProblemException(Problem.of(
                            "insufficient-scope",
                            "Forbidden",
                            403,
                            "Publishing needs a ManifestPublisher client of this application, or an access token with"
                                    + " scope " + ManifestCaller.PUBLISH_SCOPE
                                    + " and the application key as audience."))
                    .withHeader(
                            "WWW-Authenticate",
                            "Bearer realm=\"nexidentity\", error=\"insufficient_scope\", scope=\""
                                    + ManifestCaller.PUBLISH_SCOPE + "\"");
        }
    }

    private JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored manifest is not JSON", e);
        }
    }

    private String write(JsonNode document) {
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A strong validator of one version's exact bytes (RFC 9110 section 8.8.3). */
    static String etag(String applicationKey, String version, String document) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest((applicationKey + "\n" + version + "\n" + document).getBytes(StandardCharsets.UTF_8));
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Published(Manifest manifest, boolean created) {}
}
