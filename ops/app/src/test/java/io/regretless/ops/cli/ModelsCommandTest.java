package io.regretless.ops.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.regretless.ops.broker.BrokerIo;

/**
 * {@code models} against an instance's HTTP endpoint, here a stand-in that answers like one: a
 * missing instance is said in words, the instance's own refusal is passed on, and
 * {@code export --out x.json} writes the JSON summary where {@code --out x.avro} writes the state.
 */
class ModelsCommandTest {
    private static final byte[] SUMMARY = "{\"modelId\":\"m\",\"version\":3}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] STATE = {(byte) 0xC3, 0x01, 1, 2, 3};

    @TempDir
    Path dir;

    private HttpServer instance;

    @BeforeEach
    void startInstance() throws Exception {
        instance = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        instance.createContext("/models/", exchange -> {
            boolean known = exchange.getRequestURI().getPath().equals("/models/m");
            byte[] body = !known ? "no model 'x' is configured".getBytes(StandardCharsets.UTF_8)
                : "format=avro".equals(exchange.getRequestURI().getQuery()) ? STATE : SUMMARY;
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        instance.start();
    }

    @AfterEach
    void stopInstance() {
        instance.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + instance.getAddress().getPort();
    }

    @Test
    void exportWritesWhatTheFileNameSays() throws Exception {
        Path json = dir.resolve("m.json");
        Path avro = dir.resolve("m.avro");
        Path forced = dir.resolve("m.bin");
        assertEquals(0, CommandRun.of("models", "export", "m", "--url", url(), "--out", json.toString()).exitCode());
        assertEquals(0, CommandRun.of("models", "export", "m", "--url", url(), "--out", avro.toString()).exitCode());
        assertEquals(0, CommandRun.of("models", "export", "m", "--url", url(), "--out", forced.toString(), "--format", "json")
            .exitCode());
        assertArrayEquals(SUMMARY, Files.readAllBytes(json));
        assertArrayEquals(STATE, Files.readAllBytes(avro));
        assertArrayEquals(SUMMARY, Files.readAllBytes(forced));
    }

    @Test
    void theInstancesRefusalIsPassedOn() {
        CommandRun run = CommandRun.of("models", "show", "x", "--url", url());
        assertEquals(1, run.exitCode());
        assertEquals("error: no model 'x' is configured (" + url() + "/models/x answered 404)\n", run.err());
    }

    @Test
    void withoutARunningInstanceItSaysSo() throws Exception {
        int closed = BrokerIo.freePort();
        CommandRun run = CommandRun.of("models", "show", "m", "--url", "http://127.0.0.1:" + closed);
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("error: no Regretless instance answers at http://127.0.0.1:" + closed + ": start one"),
            run.err());
        assertEquals(1, run.err().lines().count(), "one line, no stack trace: " + run.err());
    }
}
