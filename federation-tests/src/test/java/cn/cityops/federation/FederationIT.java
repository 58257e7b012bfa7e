package cn.cityops.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import cn.cityops.testkit.Http;
import cn.cityops.testkit.NodeContract;
import cn.cityops.testkit.NodeProcess;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Starts national, provincial (山西 140000) and municipal (朔州 140600) as separate processes, like federation.sh. */
@Order(1)
class FederationSmokeIT {

    static final Path ROOT = Path.of(System.getProperty("it.repo.root", "..")).toAbsolutePath().normalize();
    static final Path WORK = Path.of("target", "federation").toAbsolutePath();
    static NodeProcess national;
    static NodeProcess provincial;
    static NodeProcess municipal;

    @BeforeAll
    static void startFederation() {
        national = NodeProcess.start(ROOT, "national",
                NodeProcess.testEnv("cityops_fed_national", null, null, WORK.resolve("national").toFile()),
                WORK.resolve("national"));
        provincial = NodeProcess.start(ROOT, "provincial",
                NodeProcess.testEnv("cityops_fed_provincial", "140000", national.baseUrl(),
                        WORK.resolve("provincial").toFile()), WORK.resolve("provincial"));
        municipal = NodeProcess.start(ROOT, "municipal",
                NodeProcess.testEnv("cityops_fed_municipal", "140600", provincial.baseUrl(),
                        WORK.resolve("municipal").toFile()), WORK.resolve("municipal"));
        for (NodeProcess n : List.of(national, provincial, municipal)) {
            n.awaitReady(Duration.ofMinutes(4));
        }
    }

    @AfterAll
    static void stop() {
        for (NodeProcess n : new NodeProcess[] {municipal, provincial, national}) {
            if (n != null) {
                n.close();
            }
        }
    }

    @Test
    void eachNodeReportsItsOwnLevelAndId() {
        check(national, "NATIONAL", "100000", null);
        check(provincial, "PROVINCIAL", "140000", national.baseUrl());
        check(municipal, "MUNICIPAL", "140600", provincial.baseUrl());
    }

    @Test
    void aTokenFromOneNodeIsNotAcceptedByAnother() {
        String nationalToken = national.http().login("admin", NodeContract.ADMIN_PASSWORD).token();
        Http.Reply r = municipal.http().withToken(nationalToken).get("/api/node");
        assertEquals(401, r.status(), "a national token must not open the municipal node: " + r);
        assertEquals(200, national.http().withToken(nationalToken).get("/api/node").status());
    }

    private static void check(NodeProcess node, String level, String id, String parentUrl) {
        Http admin = node.http().login("admin", NodeContract.ADMIN_PASSWORD);
        JsonObject info = admin.get("/api/node").json();
        assertEquals(level, info.getString("level"), info.toString());
        assertEquals(id, info.getString("id"));
        if (parentUrl != null) {
            assertEquals(parentUrl, info.getString("parentUrl"));
        }
        JsonObject ready = node.http().get("/health/ready").json();
        assertEquals("UP", ready.getString("status"));
    }
}
