package io.regretless.ops.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads one key of a state store wherever it lives: from the local store when this instance hosts
 * the key's partition, otherwise from the instance that does (its {@code application.server}),
 * over the same HTTP path.
 */
final class ModelQueries {
    /** Where a key is and, if here, its bytes. */
    record Lookup(byte[] localValue, HostInfo remote, boolean available) {
    }

    private final KafkaStreams streams;
    private final HostInfo self;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ModelQueries(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    Lookup find(String store, String key) {
        if (self == null) {
            // a single instance without application.server: Kafka Streams keeps no host metadata
            return local(store, key);
        }
        KeyQueryMetadata where = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (where == null || where == KeyQueryMetadata.NOT_AVAILABLE) {
            return new Lookup(null, null, false);
        }
        return where.activeHost().equals(self) ? local(store, key) : new Lookup(null, where.activeHost(), true);
    }

    private Lookup local(String store, String key) {
        ReadOnlyKeyValueStore<String, byte[]> local = streams.store(StoreQueryParameters.fromNameAndType(
            store, QueryableStoreTypes.<String, byte[]>keyValueStore()));
        return new Lookup(local.get(key), null, true);
    }

    /** Asks {@code host} for the same path; empty when it answers 404. */
    Optional<HttpResponse<byte[]>> forward(HostInfo host, String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
            .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() == 404 ? Optional.empty() : Optional.of(response);
    }
}
