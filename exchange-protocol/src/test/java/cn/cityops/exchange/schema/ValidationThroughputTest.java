package cn.cityops.exchange.schema;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import cn.cityops.exchange.pkg.DataPackage;
import cn.cityops.exchange.pkg.SignedPackage;
import cn.cityops.model.node.NodeId;

/**
 * Sanity print of single-thread throughput; no assertion on time (figures for docs/benchmarks.md come from the
 * benchmark script, not from unit tests).
 */
class ValidationThroughputTest {

    private static final PackageTypes TYPES = PackageTypes.standard();

    @Test
    void printsValidationThroughput() throws Exception {
        List<String> types = List.of("ping", "task.feedback", "complaint.forward", "receipt", "satisfaction.result");
        JsonObject[] payloads = types.stream().map(PackageTypesTest::sample).toArray(JsonObject[]::new);
        int valid = 0;
        for (int i = 0; i < 100_000; i++) { // warm-up
            valid += TYPES.validate(types.get(i % 5), 1, payloads[i % 5]).isEmpty() ? 1 : 0;
        }
        int n = 300_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            valid += TYPES.validate(types.get(i % 5), 1, payloads[i % 5]).isEmpty() ? 1 : 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(valid == 400_000);
        System.out.printf("schema validation, small payloads (%s): %,.0f payloads/s single thread%n",
                String.join(", ", types), n / seconds);

        JsonObject base = PackageTypesTest.sample("case.batch");
        JsonObject record = base.getJsonArray("records").getJsonObject(0);
        JsonArrayBuilder records = Json.createArrayBuilder();
        for (int i = 0; i < 5000; i++) {
            records.add(Json.createObjectBuilder(record).add("caseId", "SZ-2026-" + i));
        }
        JsonObject batch = Json.createObjectBuilder(base).add("records", records).build();
        for (int i = 0; i < 20; i++) {
            assertTrue(TYPES.validate("case.batch", 1, batch).isEmpty());
        }
        int m = 50;
        start = System.nanoTime();
        for (int i = 0; i < m; i++) {
            assertTrue(TYPES.validate("case.batch", 1, batch).isEmpty());
        }
        double perBatch = (System.nanoTime() - start) / 1e6 / m;
        System.out.printf("schema validation, case.batch of 5,000 records: %.2f ms per batch (%,.0f records/s)%n",
                perBatch, 5000 / (perBatch / 1000));

        DataPackage pkg = DataPackage.create("case.batch", 1, NodeId.of("140600"), NodeId.of("140000"),
                "SZ-CB-1", 1L, batch, Instant.parse("2026-11-21T08:00:00Z"));
        byte[] wire = new SignedPackage(pkg, new byte[1500]).toWire();
        for (int i = 0; i < 10; i++) {
            SignedPackage.fromWire(wire, SignedPackage.DEFAULT_MAX_BYTES).pkg().payloadDigestMatches();
        }
        start = System.nanoTime();
        for (int i = 0; i < m; i++) {
            assertTrue(SignedPackage.fromWire(wire, SignedPackage.DEFAULT_MAX_BYTES).pkg().payloadDigestMatches());
        }
        double perRead = (System.nanoTime() - start) / 1e6 / m;
        System.out.printf("wire read (parse + canonical form + digests), case.batch of 5,000 records, %,d bytes: "
                + "%.2f ms per package%n", wire.length, perRead);
    }
}
