package cn.cityops.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import cn.cityops.testkit.Await;
import cn.cityops.testkit.Http;
import cn.cityops.testkit.NodeContract;
import cn.cityops.testkit.NodeProcess;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Stops the test PostgreSQL cluster under a running node: readiness goes DOWN and API calls answer 503 problem+json;
 * after PostgreSQL is back the node recovers without a restart. Runs last (it takes the shared test database away).
 */
@Order(2)
class DatabaseOutageIT {

    @Test
    void nodeSurvivesADatabaseRestart() throws Exception {
        String control = System.getProperty("it.pg.control");
        org.junit.jupiter.api.Assumptions.assumeTrue(control != null,
                "it.pg.control not set (run through deploy/test.sh)");
        Path work = Path.of("target", "outage").toAbsolutePath();
        try (NodeProcess node = NodeProcess.start(FederationIT.ROOT, "municipal",
                NodeProcess.testEnv("cityops_fed_municipal", "140600", "http://127.0.0.1:9/", work.toFile()), work)) {
            node.awaitReady(Duration.ofMinutes(4));
            Http admin = node.http().login("admin", NodeContract.ADMIN_PASSWORD);
            assertEquals(200, admin.get("/api/reference/divisions/140600").status());

            run(control + " stop");
            try {
                Http.Reply ready = Await.until("readiness DOWN", Duration.ofSeconds(60),
                        () -> node.http().get("/health/ready"), r -> r.status() == 503);
                assertTrue(ready.body().contains("DOWN"), ready.toString());
                Http.Reply api = Await.until("API 503", Duration.ofSeconds(60),
                        () -> admin.get("/api/reference/divisions/140602"), r -> r.status() == 503);
                assertTrue(api.isProblem(), api.toString());
                assertEquals("urn:cityops:problem:service-unavailable", api.json().getString("type"));
            } finally {
                run(control + " start");
            }
            Await.until("readiness UP again", Duration.ofSeconds(90),
                    () -> node.http().get("/health/ready"), r -> r.status() == 200);
            Http.Reply after = Await.until("API answers again", Duration.ofSeconds(60),
                    () -> admin.get("/api/reference/divisions/140602"), r -> r.status() == 200);
            assertEquals("朔城区", after.json().getString("name"));
            assertEquals(200, node.http().login("admin", NodeContract.ADMIN_PASSWORD).get("/api/node").status());
        }
    }

    private static void run(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", command).inheritIO().start();
        assertEquals(0, p.waitFor(), "command failed: " + command);
    }
}
