package io.regretless.schemas.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

/**
 * The committed JSON Schema (draft 2020-12) of one event, the class-path resource
 * {@code /json-schema/<Name>.schema.json} (committed under {@code schemas/src/main/json-schema/}).
 * It is what natural JSON input is validated against: required and unknown fields, types, integer
 * ranges. Each refusal is reported with the JSON pointer of the field; an unknown field that is a
 * near miss of a known one says which. Thread-safe.
 */
final class EventJsonSchema {
    static final String ROOT = "/json-schema/";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()));
    private static final Map<String, EventJsonSchema> CACHE = new ConcurrentHashMap<>();

    private final JsonNode document;
    private final Schema schema;

    private EventJsonSchema(JsonNode document) {
        this.document = document;
        this.schema = REGISTRY.getSchema(document);
    }

    /** The schema of the event named {@code name} (the Avro record's simple name). */
    static EventJsonSchema of(String name, ObjectMapper mapper) {
        return CACHE.computeIfAbsent(name, n -> {
            String resource = ROOT + n + ".schema.json";
            try (InputStream in = EventJsonSchema.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no JSON Schema for " + n + ": expected the class-path resource " + resource);
                }
                return new EventJsonSchema(mapper.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        });
    }

    /** Whether the top-level object must have the field {@code name}. */
    boolean requires(String name) {
        for (JsonNode required : document.path("required")) {
            if (required.asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Everything that is wrong with {@code value}, ordered by pointer; empty when it is valid. */
    List<JsonViolation> violations(JsonNode value) {
        List<Error> errors = schema.validate(value);
        if (errors.isEmpty()) {
            return List.of();
        }
        List<JsonViolation> violations = new ArrayList<>(errors.size());
        for (Error error : errors) {
            violations.add(violation(error));
        }
        violations.sort(Comparator.comparing(JsonViolation::pointer));
        return violations;
    }

    private JsonViolation violation(Error error) {
        String at = error.getInstanceLocation().toString();
        String property = error.getProperty();
        return switch (error.getKeyword()) {
            case "required" -> new JsonViolation(JsonViolation.child(at, property), "missing required field");
            case "additionalProperties" -> new JsonViolation(JsonViolation.child(at, property),
                "unknown field" + suggestion(property, knownFields(error)));
            default -> new JsonViolation(at, error.getMessage());
        };
    }

    /** The property names of the object schema whose {@code additionalProperties: false} refused a field. */
    private List<String> knownFields(Error error) {
        String keyword = error.getSchemaLocation().getFragment().toString();
        String objectSchema = keyword.substring(0, Math.max(0, keyword.lastIndexOf('/')));
        JsonNode properties = document.at(objectSchema).path("properties");
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** " (did you mean 'x'?)" for the known name within two edits of {@code name}, else "". */
    static String suggestion(String name, List<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int d = editDistance(name.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
