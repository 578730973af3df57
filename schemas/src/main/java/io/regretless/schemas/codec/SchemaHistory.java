package io.regretless.schemas.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;

/**
 * Every writer schema a record type was released with, oldest first: the class-path resources
 * {@code /avro/history/<Name>.v1.avsc}, {@code .v2.avsc}, ... (committed under
 * {@code schemas/src/main/avro/history/}). Each entry is self-contained (named types inlined), as
 * the writer that used it put it in its fingerprint. Readers know them all, so bytes written by any
 * released version (a changelog restore, a replayed topic, an old producer) resolve into the
 * current record. {@code SchemaHistoryTest} fails when a schema changes without its new version
 * being added here.
 */
public final class SchemaHistory {
    static final String ROOT = "/avro/history/";
    private static final Map<String, List<Schema>> CACHE = new ConcurrentHashMap<>();

    private SchemaHistory() {
    }

    /** The released versions of the record named like {@code current}, oldest first; empty when none. */
    public static List<Schema> of(Schema current) {
        return CACHE.computeIfAbsent(current.getName(), SchemaHistory::load);
    }

    /** The class-path resource of version {@code version} (1-based) of {@code name}. */
    public static String resource(String name, int version) {
        return ROOT + name + ".v" + version + ".avsc";
    }

    private static List<Schema> load(String name) {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; ; v++) {
            try (InputStream in = SchemaHistory.class.getResourceAsStream(resource(name, v))) {
                if (in == null) {
                    return List.copyOf(versions);
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource(name, v), e);
            }
        }
    }
}
