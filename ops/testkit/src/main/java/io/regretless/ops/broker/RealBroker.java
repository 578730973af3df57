package io.regretless.ops.broker;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Kafka 4.2.0 broker for a test class: the {@code apache/kafka:4.2.0} container when a
 * Docker engine is reachable, otherwise an {@link EmbeddedKafkaBroker}. Never skips.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RealBroker KAFKA = new RealBroker();
 * ... KAFKA.broker().bootstrapServers() ...
 * }</pre>
 *
 * or, without the extension, {@code KafkaBroker broker = RealBroker.start();} and close it yourself.
 * Either broker has one node, no topic auto-creation, and internal topics with replication factor
 * 1, so transactions (exactly_once_v2) work.
 */
public final class RealBroker implements BeforeAllCallback, AfterAllCallback {
    /** The image matching the kafka_2.13 jars on the class path. */
    public static final DockerImageName IMAGE = DockerImageName.parse("apache/kafka:4.2.0");

    private static final Logger LOG = LoggerFactory.getLogger(RealBroker.class);

    private KafkaBroker broker;

    /** Starts a broker; the caller closes it. */
    public static KafkaBroker start() {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            LOG.info("Docker is available: starting {}", IMAGE);
            return new ContainerBroker(IMAGE);
        }
        EmbeddedKafkaBroker embedded = EmbeddedKafkaBroker.builder().start();
        LOG.info("No Docker engine: embedded broker at {} ready in {} ms", embedded.bootstrapServers(),
                embedded.startupTime().toMillis());
        return embedded;
    }

    /** The broker of the current test class; available from {@code @BeforeAll} methods on. */
    public KafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("RealBroker must be registered as a static @RegisterExtension field");
        }
        return broker;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** The Testcontainers Kafka module behind {@link KafkaBroker}. */
    private static final class ContainerBroker implements KafkaBroker {
        private final KafkaContainer container;

        ContainerBroker(DockerImageName image) {
            container = new KafkaContainer(image).withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
            container.start();
        }

        @Override
        public String bootstrapServers() {
            return container.getBootstrapServers();
        }

        @Override
        public void close() {
            container.stop();
        }
    }
}
