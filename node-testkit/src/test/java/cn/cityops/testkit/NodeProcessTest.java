package cn.cityops.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose deployment failed is noticed at once and started again once. The node is {@link FakeNode} packaged as
 * {@code node-fake/target/node-fake.jar}, so {@link NodeProcess} runs it exactly as it runs a real node (own JVM,
 * command line, environment, log file, HTTP readiness); the real uber-jar's exit is checked by NodeStartFailureIT.
 */
class NodeProcessTest {

    /** Far longer than any of these starts needs: finishing well within it shows the failure was noticed early. */
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path root;

    @Test
    void aNodeThatExitsAfterAFailedDeploymentIsStartedAgainOnce() throws IOException {
        assertStartedAgainOnce("exit");
    }

    @Test
    void aNodeThatLogsAFailedDeploymentAndAnswers404IsStartedAgainOnce() throws IOException {
        assertStartedAgainOnce("hang");
    }

    @Test
    void aNodeFailingTwiceFailsTheWaitAtOnce() throws IOException {
        Instant start = Instant.now();
        try (NodeProcess node = NodeProcess.start(fakeNodeRoot(), "fake", Map.of("FAKE_NODE_FAILS", "always"),
                root.resolve("work"))) {
            AssertionError e = assertThrows(AssertionError.class, () -> node.awaitReady(TIMEOUT));
            assertTrue(e.getMessage().contains("did not start, twice") && e.getMessage().contains("status 3"),
                    e.getMessage());
            assertEquals(2, starts(), "started again exactly once");
        }
        assertTrue(Duration.between(start, Instant.now()).compareTo(TIMEOUT.dividedBy(3)) < 0, "failed early");
    }

    private void assertStartedAgainOnce(String fails) throws IOException {
        Instant start = Instant.now();
        try (NodeProcess node = NodeProcess.start(fakeNodeRoot(), "fake", Map.of("FAKE_NODE_FAILS", fails),
                root.resolve("work"))) {
            node.awaitReady(TIMEOUT);
            assertEquals(200, node.http().get("/health/ready").status());
            assertEquals(2, starts(), node.logTail());
        }
        assertTrue(Duration.between(start, Instant.now()).compareTo(TIMEOUT.dividedBy(3)) < 0,
                "the failed start was noticed without waiting for the timeout");
    }

    private long starts() throws IOException {
        try (var lines = Files.lines(root.resolve("work/node-fake.log"))) {
            return lines.filter(l -> l.startsWith("fake node starting")).count();
        }
    }

    /** A repository root holding node-fake/target/node-fake.jar, whose main class is {@link FakeNode}. */
    private Path fakeNodeRoot() throws IOException {
        Path jar = root.resolve("node-fake/target/node-fake.jar");
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeNode.class.getName());
        String entry = FakeNode.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream in = FakeNode.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return root;
    }
}
