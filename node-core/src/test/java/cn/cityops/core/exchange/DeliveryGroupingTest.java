package cn.cityops.core.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** How the outbox poller's claimed packages are grouped into batch POSTs (SPEC.md §13.3). */
class DeliveryGroupingTest {

    private static OutboxItem item(String receiver, int size) {
        byte[] bytes = "{}".getBytes(StandardCharsets.UTF_8);
        return new OutboxItem(UUID.randomUUID(), "ping", receiver, "c", null, "LOCAL", bytes, "sha256:x", size, 1);
    }

    private static List<Integer> sizes(List<List<OutboxItem>> groups) {
        return groups.stream().map(List::size).toList();
    }

    @Test
    void perNextHopInClaimOrderAtMostBatchMaxAndSpreadOverTheSenderThreads() {
        List<OutboxItem> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(item(i % 4 == 0 ? "140600" : "100000", 600));
        }
        // 1000 packages on 8 threads: chunks of 125 (fewer than batch-max 200) so that every thread gets one
        List<List<OutboxItem>> groups = Delivery.group(items, i -> i.receiver().equals("140600") ? "140600"
                : "100000", 200, 8 << 20, 8);
        assertEquals(List.of(125, 125, 125, 125, 125, 125, 125, 125), sizes(groups));
        for (List<OutboxItem> g : groups) {
            assertEquals(1, g.stream().map(OutboxItem::receiver).distinct().count(), "one hop per group");
        }
        List<OutboxItem> flat = groups.stream().flatMap(List::stream).toList();
        assertEquals(items.size(), flat.size());
        assertEquals(items.stream().filter(i -> i.receiver().equals("100000")).toList(),
                flat.stream().filter(i -> i.receiver().equals("100000")).toList(), "claim order kept per hop");

        assertEquals(List.of(200, 200, 200, 200, 200), sizes(Delivery.group(items, i -> "100000", 200, 8 << 20, 1)));
        assertEquals(List.of(16, 4), sizes(Delivery.group(items.subList(0, 20), i -> "100000", 200, 8 << 20, 8)),
                "at least 16 per batch");
    }

    @Test
    void bytesLimitAndLargePackagesAndUnknownRoutes() {
        List<OutboxItem> items = List.of(item("100000", 400_000), item("100000", 400_000), item("100000", 400_000),
                item("100000", 600_000), item("999999", 10));
        List<List<OutboxItem>> groups = Delivery.group(items, i -> i.receiver().equals("999999") ? null : "100000",
                200, 1_000_000, 4);
        // two of 400 KB (+ room for signatures) fit under 1 MB, the third starts a new batch; 600 KB > half the limit and the package
        // without a route travel alone
        assertEquals(List.of(2, 1, 1, 1), sizes(groups));
        assertEquals(items.get(3), groups.get(2).get(0));
        assertEquals(items.get(4), groups.get(3).get(0));
    }
}
