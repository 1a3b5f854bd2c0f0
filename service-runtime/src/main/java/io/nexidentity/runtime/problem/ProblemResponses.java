package io.nexidentity.runtime.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a request into RFC 9457 problem+json: the caller's mistakes into a 4xx that says what to fix,
 * anything else into a 500 that reveals nothing but a reference to the logged error.
 */
public class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    @ServerExceptionMapper
    public Response problem(ProblemException exception) {
        var response = Response.status(exception.problem().status())
                .type(Problem.MEDIA_TYPE)
                .entity(exception.problem());
        exception.headers().forEach(response::header);
        return response.build();
    }

    /** No bearer token (RFC 6750 section 3: a challenge without an error code). */
    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException exception) {
        return challenge(
                401,
                "Bearer realm=\"nexidentity\"",
                Problem.of("unauthenticated", "Unauthorized", 401, "An access token is required."));
    }

    @ServerExceptionMapper
    public Response invalidToken(AuthenticationFailedException exception) {
        return challenge(
                401,
                "Bearer realm=\"nexidentity\", error=\"invalid_token\"",
                Problem.of(
                        "invalid-token",
                        "Unauthorized",
                        401,
                        "The access token is invalid: wrong issuer, audience or signature, or expired."));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException exception) {
        return challenge(
                403,
                "Bearer realm=\"nexidentity\", error=\"insufficient_scope\"",
                Problem.of(
                        "insufficient-scope",
                        "Forbidden",
                        403,
                        "The access token lacks the permission this API requires."));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException exception) {
        var errors = exception.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(fieldOf(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(Problem.of("validation-failed", "Invalid request", 400, "The request has invalid fields.")
                .withErrors(errors));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException exception) {
        return respond(Problem.of(
                "malformed-json",
                "Malformed JSON",
                400,
                "The request body is not valid JSON: " + exception.getOriginalMessage()));
    }

    /** Outranks Quarkus REST's own mapper for this exception type, which answers plain JSON. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException exception) {
        return unmappableJson(exception);
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException exception) {
        var field = exception.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName()
                        : String.valueOf(reference.getIndex()))
                .reduce((parent, child) -> parent + "." + child)
                .orElse("(body)");
        var detail = "Field '" + field + "' has a value of the wrong type or shape.";
        return respond(Problem.of("validation-failed", "Invalid request", 400, detail)
                .withErrors(List.of(new Problem.FieldError(field, "wrong type or shape"))));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException exception) {
        var status = exception.getResponse().getStatusInfo();
        if (exception.getCause() instanceof JsonMappingException cause) {
            return unmappableJson(cause);
        }
        if (exception.getCause() instanceof JsonParseException cause) {
            return malformedJson(cause);
        }
        if (status.getFamily() == Response.Status.Family.SERVER_ERROR) {
            return unexpected(exception);
        }
        return respond(Problem.ofStatus(status.getStatusCode(), status.getReasonPhrase(), exception.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable exception) {
        var reference = UUID.randomUUID().toString();
        LOG.errorf(exception, "unexpected error, reference %s", reference);
        return respond(Problem.of(
                "internal-error",
                "Internal Server Error",
                500,
                "The request failed unexpectedly; quote reference " + reference + " to the operator."));
    }

    private static Response challenge(int status, String wwwAuthenticate, Problem problem) {
        return Response.status(status)
                .header(HttpHeaders.WWW_AUTHENTICATE, wwwAuthenticate)
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    /**
     * The request field a violation is about, as the caller spelled it: the path below the method parameter in
     * snake_case, e.g. {@code redirect_uris[0]}; the parameter itself for a query or path parameter.
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(node -> {
            if (node.getKind() != ElementKind.METHOD) {
                nodes.add(node);
            }
        });
        if (nodes.size() > 1 && nodes.get(0).getKind() == ElementKind.PARAMETER) {
            nodes.remove(0);
        }
        var field = new StringBuilder();
        for (Path.Node node : nodes) {
            if (node.isInIterable() && node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                field.append(field.isEmpty() ? "" : ".").append(SNAKE_CASE.translate(node.getName()));
            }
        }
        return field.isEmpty() ? "(body)" : field.toString();
    }
}
