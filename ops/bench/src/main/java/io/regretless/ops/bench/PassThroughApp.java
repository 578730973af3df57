package io.regretless.ops.bench;

import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import io.regretless.topology.StreamsDefaults;

/**
 * The baseline: a Kafka Streams app that copies every record of one topic to another, with the
 * same Streams defaults as the application (exactly_once_v2 unless overridden).
 */
final class PassThroughApp {
    private PassThroughApp() {
    }

    /** A new, unstarted app copying {@code in} to {@code out}; {@code props} needs application.id. */
    static KafkaStreams create(String in, String out, Properties props) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
            .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return new KafkaStreams(builder.build(), StreamsDefaults.apply(props));
    }
}
