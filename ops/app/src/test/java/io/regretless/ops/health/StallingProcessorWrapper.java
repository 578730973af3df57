package io.regretless.ops.health;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.ProcessorWrapper;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.WrappedFixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.WrappedProcessorSupplier;

/**
 * A {@code processor.wrapper.class} that can hold a task's processing thread inside
 * {@code process()}, as a processor stuck on a slow call would: the task keeps its input and
 * commits nothing. One latch for the JVM; tests run one stalled app at a time.
 */
public final class StallingProcessorWrapper implements ProcessorWrapper {
    private static volatile CountDownLatch hold;

    /** The next record any wrapped processor receives blocks until {@link #release()}. */
    public static void stall() {
        hold = new CountDownLatch(1);
    }

    public static void release() {
        CountDownLatch latch = hold;
        hold = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    @Override
    public <KIn, VIn, KOut, VOut> WrappedProcessorSupplier<KIn, VIn, KOut, VOut> wrapProcessorSupplier(
            String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
        return ProcessorWrapper.asWrapped(() -> new Stalling<>(supplier.get()));
    }

    @Override
    public <KIn, VIn, VOut> WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> wrapFixedKeyProcessorSupplier(
            String name, FixedKeyProcessorSupplier<KIn, VIn, VOut> supplier) {
        return ProcessorWrapper.asWrappedFixedKey(supplier);
    }

    private record Stalling<KIn, VIn, KOut, VOut>(Processor<KIn, VIn, KOut, VOut> inner)
            implements Processor<KIn, VIn, KOut, VOut> {
        @Override
        public void init(ProcessorContext<KOut, VOut> context) {
            inner.init(context);
        }

        @Override
        public void process(Record<KIn, VIn> record) {
            CountDownLatch latch = hold;
            if (latch != null) {
                try {
                    latch.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            inner.process(record);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
