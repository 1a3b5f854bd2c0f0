package io.nexidentity.application.manifest;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nexidentity.runtime.problem.Problem;
import io.nexidentity.runtime.problem.ProblemException;

/**
 * Validates a feature manifest (schema version 1):
 *
 * <pre>{"schema_version": 1, "features": {"new-checkout": {"enabled": true, "rollout_percent": 25,
 * "description": "..."}}}</pre>
 *
 * Feature names are lower-case ({@code [a-z0-9][a-z0-9_.-]{0,63}}); {@code enabled} is required; nothing else is
 * allowed, so a typo fails loudly instead of silently disabling a feature.
 */
@ApplicationScoped
public class ManifestValidator {

    static final int MAX_BYTES = 256 * 1024;
    static final int MAX_FEATURES = 1000;
    private static final Pattern FEATURE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final Set<String> TOP = Set.of("schema_version", "features");
    private static final Set<String> FEATURE_FIELDS = Set.of("enabled", "rollout_percent", "description");

    private final ObjectMapper mapper;

    ManifestValidator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The validated document. */
    public JsonNode validate(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.invalidField("(body)", "a manifest document is required");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new ProblemException(
                    Problem.of("manifest-too-large", "Payload too large", 413, "A manifest may have at most 256 KiB."));
        }
        JsonNode document;
        try {
            document = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.of(
                    "malformed-json",
                    "Malformed JSON",
                    400,
                    "The manifest is not valid JSON: " + e.getOriginalMessage()));
        }
        if (document == null || !document.isObject()) {
            throw ProblemException.invalidField("(body)", "the manifest must be a JSON object");
        }
        document.fieldNames().forEachRemaining(name -> {
            if (!TOP.contains(name)) {
                throw ProblemException.invalidField(name, "unknown member; allowed: schema_version, features");
            }
        });
        if (!document.path("schema_version").isInt()
                || document.get("schema_version").asInt() != 1) {
            throw ProblemException.invalidField("schema_version", "must be 1");
        }
        var features = document.path("features");
        if (!features.isObject()) {
            throw ProblemException.invalidField("features", "must be an object of features by name");
        }
        if (features.size() > MAX_FEATURES) {
            throw ProblemException.invalidField("features", "at most " + MAX_FEATURES + " features");
        }
        features.fields().forEachRemaining(entry -> validateFeature(entry.getKey(), entry.getValue()));
        return document;
    }

    private static void validateFeature(String name, JsonNode feature) {
        var field = "features." + name;
        if (!FEATURE.matcher(name).matches()) {
            throw ProblemException.invalidField(field, "feature names are lower-case letters, digits and _.- (max 64)");
        }
        if (!feature.isObject()) {
            throw ProblemException.invalidField(field, "must be an object");
        }
        feature.fieldNames().forEachRemaining(member -> {
            if (!FEATURE_FIELDS.contains(member)) {
                throw ProblemException.invalidField(
                        field + "." + member, "unknown member; allowed: enabled, rollout_percent, description");
            }
        });
        if (!feature.path("enabled").isBoolean()) {
            throw ProblemException.invalidField(field + ".enabled", "is required and must be true or false");
        }
        var rollout = feature.get("rollout_percent");
        if (rollout != null && (!rollout.isInt() || rollout.asInt() < 0 || rollout.asInt() > 100)) {
            throw ProblemException.invalidField(field + ".rollout_percent", "must be an integer from 0 to 100");
        }
        var description = feature.get("description");
        if (description != null
                && (!description.isTextual() || description.asText().length() > 500)) {
            throw ProblemException.invalidField(field + ".description", "must be text of at most 500 characters");
        }
    }
}
