package io.regretless.connectors;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connectors module is what a Java service adds as its one dependency: the README's example
 * compiles against this module's class path (its dependencies and JUnit, nothing of the
 * application), and that class path carries neither Kafka Streams nor the Kafka broker.
 */
class ClientArtifactTest {
    /** Tests run in the module's directory; the README is at the repository's root. */
    private static final Path README = Path.of("..", "README.md");

    @Test
    void theReadmeExampleCompilesAgainstThisModuleAlone(@TempDir Path dir) throws Exception {
        List<String> block = readmeJavaBlock();
        List<String> imports = block.stream().filter(l -> l.startsWith("import ")).toList();
        List<String> body = block.stream().filter(l -> !l.startsWith("import ")).toList();
        String joined = String.join("\n", body);
        assertTrue(joined.contains("new LocalDecider(") && joined.contains(".decide(") && joined.contains(".reward("),
            "the example decides and rewards with a LocalDecider:\n" + joined);
        Path source = dir.resolve("ReadmeExample.java");
        Files.writeString(source, String.join("\n", imports) + "\n\npublic class ReadmeExample {\n"
            + "    public static void main(String[] args) throws Exception {\n" + joined + "\n    }\n}\n");

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK runs the tests (the README asks for one), not a JRE");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"),
                "-d", dir.resolve("classes").toString(), "-proc:none");
            Files.createDirectories(dir.resolve("classes"));
            StringWriter out = new StringWriter();
            boolean compiled = javac.getTask(out, files, diagnostics, options, null,
                files.getJavaFileObjects(source.toFile())).call();
            assertTrue(compiled, "the README's Java example does not compile:\n" + diagnostics.getDiagnostics().stream()
                .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(null)).collect(Collectors.joining("\n"))
                + "\n" + out + "\n--- as compiled ---\n" + Files.readString(source));
        }
        assertTrue(Files.exists(dir.resolve("classes").resolve("ReadmeExample.class")));
    }

    @Test
    void theClassPathHoldsNoKafkaStreamsAndNoBroker() {
        for (String absent : List.of("org.apache.kafka.streams.KafkaStreams", "org.apache.kafka.streams.Topology",
            "kafka.Kafka", "kafka.server.KafkaRaftServer", "org.apache.kafka.server.config.ServerConfigs")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(absent), absent + " is on the client's class path");
        }
    }

    /** The lines of the ```java block of the README's "From Java" section. */
    private static List<String> readmeJavaBlock() throws Exception {
        String readme = Files.readString(README);
        int section = readme.indexOf("\n## From Java");
        assertTrue(section >= 0, "README has a 'From Java' section");
        int start = readme.indexOf("```java\n", section);
        int end = readme.indexOf("\n```\n", start);
        assertTrue(start > section && end > start, "the 'From Java' section has a ```java block");
        return new ArrayList<>(readme.substring(start + "```java\n".length(), end).lines().toList());
    }
}
