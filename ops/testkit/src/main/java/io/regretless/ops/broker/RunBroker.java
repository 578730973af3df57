package io.regretless.ops.broker;

/**
 * Runs an {@link EmbeddedKafkaBroker} until this JVM is stopped (Ctrl-C, SIGTERM, or end of stdin),
 * for tests that need a broker owned by a process they can kill ({@code OrphanBrokerIntegrationTest}).
 * People start one with the {@code broker} command, which does not depend on its standard input.
 *
 * <p>Usage: {@code java -cp regretless-bench.jar io.regretless.ops.broker.RunBroker [num.partitions]}.
 * Prints {@code bootstrap.servers=<host:port>} on stdout once the broker is ready.
 */
public final class RunBroker {
    private RunBroker() {}

    public static void main(String[] args) throws Exception {
        int partitions = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().numPartitions(partitions).start();
        System.out.println("bootstrap.servers=" + broker.bootstrapServers());
        System.out.println("ready in " + broker.startupTime().toMillis() + " ms; log " + broker.logFile()
                + "; child pid " + broker.process().pid());
        System.out.flush();
        while (System.in.read() >= 0) {
            // run until end of input or a signal; the broker's shutdown hook cleans up
        }
        broker.close();
    }
}
