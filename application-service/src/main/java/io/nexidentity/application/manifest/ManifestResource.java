package io.nexidentity.application.manifest;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.application.publisher.ManifestCallerAuthenticator;

/**
 * Runtime feature manifests, addressed by application key. Callers authenticate with HTTP Basic (ManifestPublisher
 * client id and secret: the compatibility path) or with a bearer access token whose audience is the application key.
 */
@Path("/v1/manifests/{applicationKey}")
@Tag(name = "Manifests")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "basic")
@PermitAll
public class ManifestResource {

    static final String VERSION = "[A-Za-z0-9][A-Za-z0-9._+-]{0,63}";

    private final ManifestService manifests;
    private final ManifestCallerAuthenticator authenticator;

    ManifestResource(ManifestService manifests, ManifestCallerAuthenticator authenticator) {
        this.manifests = manifests;
        this.authenticator = authenticator;
    }

    @PUT
    @Path("/versions/{version}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Publish a manifest version",
            description = "201 for a new version, which becomes the latest; 200 when the same document was already"
                    + " published under this version; 409 when another document was.")
    public Uni<Response> publish(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("applicationKey") String applicationKey,
            @PathParam("version") @Pattern(regexp = VERSION) String version,
            String document) {
        return authenticator
                .authenticate(authorization)
                .flatMap(caller -> manifests.publish(caller, applicationKey, version, document))
                .map(published -> Response.status(published.created() ? 201 : 200)
                        .tag(unquoted(published.manifest().etag))
                        .header("Location", "/v1/manifests/" + applicationKey + "/versions/" + version)
                        .entity(new ManifestView(published.manifest()))
                        .type(MediaType.APPLICATION_JSON)
                        .build());
    }

    @GET
    @Path("/latest")
    @Operation(summary = "The latest manifest; honours If-None-Match (304) and may be cached privately for a minute")
    public Uni<Response> latest(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @PathParam("applicationKey") String applicationKey) {
        return authenticator
                .authenticate(authorization)
                .flatMap(caller -> manifests.latest(caller, applicationKey))
                .map(manifest -> document(manifest, ifNoneMatch, "private, max-age=60, must-revalidate"));
    }

    @GET
    @Path("/versions/{version}")
    @Operation(summary = "One manifest version (immutable, so cacheable for long)")
    public Uni<Response> version(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @PathParam("applicationKey") String applicationKey,
            @PathParam("version") @Pattern(regexp = VERSION) String version) {
        return authenticator
                .authenticate(authorization)
                .flatMap(caller -> manifests.version(caller, applicationKey, version))
                .map(manifest -> document(manifest, ifNoneMatch, "private, max-age=31536000, immutable"));
    }

    @GET
    @Path("/versions")
    @Operation(summary = "Published versions, newest first")
    public Uni<List<ManifestView>> versions(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("applicationKey") String applicationKey) {
        return authenticator
                .authenticate(authorization)
                .flatMap(caller -> manifests.versions(caller, applicationKey))
                .map(all -> all.stream().map(ManifestView::new).toList());
    }

    private static Response document(Manifest manifest, String ifNoneMatch, String cacheControl) {
        if (matches(ifNoneMatch, manifest.etag)) {
            return Response.notModified()
                    .tag(unquoted(manifest.etag))
                    .header("Cache-Control", cacheControl)
                    .build();
        }
        return Response.ok(manifest.document, MediaType.APPLICATION_JSON)
                .tag(unquoted(manifest.etag))
                .header("Cache-Control", cacheControl)
                .header("Nexid-Manifest-Version", manifest.version)
                .build();
    }

    /** If-None-Match uses weak comparison (RFC 9110 section 13.1.2): W/ prefixes are ignored. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::strip)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }

    private static String unquoted(String etag) {
        return etag.substring(1, etag.length() - 1);
    }

    public record ManifestView(String version, String etag, Instant publishedAt, String publishedBy, String path) {
        ManifestView(Manifest manifest) {
            this(manifest.version, manifest.etag, manifest.publishedAt, manifest.publishedBy, manifest.path);
        }
    }
}
