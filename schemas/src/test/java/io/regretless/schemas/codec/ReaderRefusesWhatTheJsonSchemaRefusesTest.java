package io.regretless.schemas.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@link JsonCodec} runs the JSON Schema only on a document its reader refused (to list every
 * offending field), so the codec must refuse every document the JSON Schema refuses (it refuses more:
 * bytes that are not base64, which only the Avro type tells). Checked on
 * each committed example with every field, at every depth, removed, replaced by a value of each
 * JSON kind (and by integers past 32 and 64 bits), and joined by an unknown sibling.
 */
class ReaderRefusesWhatTheJsonSchemaRefusesTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<JsonNode> REPLACEMENTS = List.of(NODES.nullNode(), NODES.booleanNode(true),
        NODES.textNode("x"), NODES.numberNode(1.5), NODES.numberNode(3L), NODES.numberNode(1L << 40),
        NODES.numberNode(new java.math.BigInteger("99999999999999999999")), NODES.numberNode(-0.0),
        NODES.objectNode(), NODES.arrayNode(), NODES.textNode("not base64 !"));

    static Stream<String> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/avro"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".example.json"))
                .map(n -> n.substring(0, n.length() - ".example.json".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theCodecRefusesWhatTheJsonSchemaRefuses(String name) throws Exception {
        Class<?> type = Class.forName("io.regretless.schemas." + name);
        @SuppressWarnings({"unchecked", "rawtypes"})
        JsonCodec<?> codec = new JsonCodec(type);
        EventJsonSchema jsonSchema = EventJsonSchema.of(name, JsonCodec.MAPPER);
        JsonNode example = JsonCodec.MAPPER.readTree(Path.of("src/main/avro", name + ".example.json").toFile());

        List<String> disagreements = new ArrayList<>();
        int[] refusedByBoth = {0};
        for (Mutation mutation : mutations(example)) {
            JsonNode document = example.deepCopy();
            mutation.apply.accept(document);
            boolean schemaAccepts = jsonSchema.violations(document).isEmpty();
            boolean readerAccepts;
            try {
                codec.decode(JsonCodec.MAPPER.writeValueAsBytes(document), 5L);
                readerAccepts = true;
            } catch (SchemaViolationException refused) {
                readerAccepts = false;
            }
            if (readerAccepts && !schemaAccepts) {
                disagreements.add(mutation.what + ": the JSON Schema refuses it, the codec accepts it");
            }
            if (!readerAccepts && !schemaAccepts) {
                refusedByBoth[0]++;
            }
        }
        assertEquals(List.of(), disagreements);
        assertTrue(refusedByBoth[0] > 0, "no mutation of " + name + " was refused: the check would pass vacuously");
    }

    private record Mutation(String what, Consumer<JsonNode> apply) {
    }

    /** Every mutation of every member and element below the root, addressed by its path of names and indexes. */
    private static List<Mutation> mutations(JsonNode root) {
        List<Mutation> out = new ArrayList<>();
        collect(root, new ArrayList<>(), out);
        return out;
    }

    private static void collect(JsonNode node, List<Object> path, List<Mutation> out) {
        if (node.isObject()) {
            List<Object> here = List.copyOf(path);
            out.add(new Mutation(path + " + unknown member", d -> ((ObjectNode) at(d, here)).put("zzUnknown", 1)));
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                List<Object> child = append(path, name);
                out.add(new Mutation(child + " removed", d -> ((ObjectNode) at(d, here)).remove(name)));
                for (JsonNode replacement : REPLACEMENTS) {
                    out.add(new Mutation(child + " = " + replacement, d -> ((ObjectNode) at(d, here)).set(name, replacement)));
                }
                collect(node.get(name), child, out);
            }
        } else if (node.isArray()) {
            List<Object> here = List.copyOf(path);
            for (int i = 0; i < node.size(); i++) {
                int index = i;
                List<Object> child = append(path, i);
                for (JsonNode replacement : REPLACEMENTS) {
                    out.add(new Mutation(child + " = " + replacement, d -> ((ArrayNode) at(d, here)).set(index, replacement)));
                }
                collect(node.get(i), child, out);
            }
        }
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(step);
        return longer;
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = step instanceof Integer i ? node.get(i) : node.get((String) step);
        }
        return node;
    }
}
