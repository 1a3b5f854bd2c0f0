package io.nexidentity.application.application;

import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nexidentity.events.application.ApplicationEvents.ApiScope;
import io.nexidentity.events.application.ApplicationEvents.ExternalConsumption;

/**
 * JSON text columns of an application. Plain converters because Hibernate Reactive's JSON type only maps objects,
 * not arrays; the records carry their own snake_case naming, so the stored form equals the event form.
 */
final class ApplicationJsonColumns {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApplicationJsonColumns() {}

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable application column", e);
        }
    }

    @Converter
    static class ApiScopes implements AttributeConverter<List<ApiScope>, String> {
        @Override
        public String convertToDatabaseColumn(List<ApiScope> scopes) {
            return write(scopes);
        }

        @Override
        public List<ApiScope> convertToEntityAttribute(String json) {
            return read(json, new TypeReference<>() {});
        }
    }

    @Converter
    static class Consumption implements AttributeConverter<ExternalConsumption, String> {
        @Override
        public String convertToDatabaseColumn(ExternalConsumption consumption) {
            return write(consumption);
        }

        @Override
        public ExternalConsumption convertToEntityAttribute(String json) {
            return read(json, new TypeReference<>() {});
        }
    }
}
