package cn.cityops.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.cityops.testkit.NodeProcess;
import org.junit.jupiter.api.Test;

/**
 * The real provincial uber-jar whose application fails to deploy the way the rare boot race does (Payara's policy
 * provider cannot be installed: NCLS-SECURITY-01144, then "Exception while deploying the app [ROOT]"): node-launcher
 * makes it exit with status 3 instead of answering 404 forever, and NodeProcess notices each exit at once, starts it
 * again once and then fails — in seconds, not after the readiness timeout. The failure is provoked by naming a policy
 * provider class that does not exist (JAVA_TOOL_OPTIONS, read by the node's JVM), which fails in the same place as the
 * race (docs/operators/node-start.md); NodeProcessTest shows the restart that succeeds.
 */
class NodeStartFailureIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @Test
    void aNodeWhoseApplicationDidNotDeployExitsAndIsStartedAgainOnce() throws Exception {
        Path work = Path.of("target", "start-failure").toAbsolutePath();
        Map<String, String> env = new HashMap<>(NodeProcess.testEnv("cityops_fed_provincial", "140000",
                "http://127.0.0.1:9/", work.toFile()));
        env.put("JAVA_TOOL_OPTIONS", "-Djakarta.security.jacc.policy.provider=cn.cityops.NoSuchPolicyProvider");
        Files.deleteIfExists(work.resolve("node-provincial.log"));
        Instant start = Instant.now();
        try (NodeProcess node = NodeProcess.start(FederationIT.ROOT, "provincial", env, work)) {
            AssertionError e = assertThrows(AssertionError.class, () -> node.awaitReady(TIMEOUT));
            assertTrue(e.getMessage().contains("did not start, twice") && e.getMessage().contains(
                    "Exception while deploying the app [ROOT]\", exited with status 3"), e.getMessage());
        }
        Duration took = Duration.between(start, Instant.now());
        assertTrue(took.compareTo(TIMEOUT.dividedBy(2)) < 0, "noticed without waiting for the timeout: " + took);

        List<String> log = Files.readAllLines(work.resolve("node-provincial.log"));
        assertEquals(2, count(log, "NCLS-SECURITY-01144"), "the policy provider failed in both runs");
        assertEquals(2, count(log, "Exception while deploying the app [ROOT]"), "so did the deployment");
        assertEquals(2, count(log, "NODE-006"), "and each run exited through node-launcher");
    }

    private static long count(List<String> log, String text) {
        return log.stream().filter(l -> l.contains(text) && !l.startsWith(" ")).count();
    }
}
