package io.nexidentity.events;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The attributes of a CloudEvent record that the audit store and the webhook fan-out index by, read in one streaming
 * pass that skips the payload except its {@code organization_id}: those consumers keep the record's exact text, so a
 * tree of every event would be parsed only to be thrown away.
 *
 * @param organizationId the organization the event is about: the payload's {@code organization_id}, or the subject of
 *     organization events; null for events of the tenant as a whole
 */
public record EventHeader(
        String id,
        String type,
        Instant time,
        String tenantId,
        String subject,
        String actor,
        UUID organizationId,
        String traceparent) {

    private static final JsonFactory JSON = new JsonFactory();

    /** Reads the header; fails when the record is not a JSON object with {@code id}, {@code type} and {@code time}. */
    public static EventHeader read(String record) throws IOException {
        try (var parser = JSON.createParser(record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(parser, "not a JSON object");
            }
            String id = null, type = null, time = null, tenantId = null, subject = null, actor = null;
            String organization = null, traceparent = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                var name = parser.currentName();
                var token = parser.nextToken();
                switch (name) {
                    case "id" -> id = scalar(parser, token);
                    case "type" -> type = scalar(parser, token);
                    case "time" -> time = scalar(parser, token);
                    case "tenantid" -> tenantId = scalar(parser, token);
                    case "subject" -> subject = scalar(parser, token);
                    case "actor" -> actor = scalar(parser, token);
                    case "traceparent" -> traceparent = scalar(parser, token);
                    case "data" ->
                        organization = token == JsonToken.START_OBJECT ? organizationIn(parser) : skip(parser);
                    default -> parser.skipChildren();
                }
            }
            if (id == null || type == null || time == null) {
                throw new JsonParseException(parser, "not a CloudEvent: id, type or time missing");
            }
            if (organization == null && type.startsWith("nexid.organization.")) {
                organization = subject;
            }
            return new EventHeader(
                    id, type, Instant.parse(time), tenantId, subject, actor, uuidOrNull(organization), traceparent);
        }
    }

    /** The payload's top-level {@code organization_id}; leaves the parser after the payload. */
    private static String organizationIn(JsonParser parser) throws IOException {
        String organization = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            var name = parser.currentName();
            var token = parser.nextToken();
            if (name.equals("organization_id") && token == JsonToken.VALUE_STRING) {
                organization = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return organization;
    }

    private static String scalar(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            return skip(parser);
        }
        return token == JsonToken.VALUE_NULL ? null : parser.getText();
    }

    private static String skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    private static UUID uuidOrNull(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
