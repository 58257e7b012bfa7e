package cn.cityops.core.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import cn.cityops.exchange.crypto.CmsVerifier;
import cn.cityops.exchange.pkg.BatchDocument;
import cn.cityops.exchange.pkg.DataPackage;
import cn.cityops.exchange.pkg.SignedPackage;
import cn.cityops.model.node.NodeId;
import cn.cityops.model.node.NodeLevel;
import jakarta.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender's side of the batch binding against a peer that does not know it (SPEC.md §13.3): the peer node's 404
 * problem on {@code /api/exchange/batches} makes the sender post the same signed packages one by one, and remember the
 * peer; a 404 that is not the node's own (its application not deployed yet) and any other failure of a batch is a
 * transport failure of each of its packages, recorded in one transaction.
 */
class DeliveryBatchFallbackTest {

    @TempDir
    static Path dir;

    static TestPki pki;
    static ExchangeKeys keys;

    private HttpServer server;
    private final AtomicInteger batchPosts = new AtomicInteger();
    private volatile int batchStatus = 404;
    /** A node answers with a problem document; Payara Micro with an HTML page while the node is not deployed. */
    private volatile String batchContentType = PROBLEM;
    private volatile int singleStatus = 503;
    private volatile String singleContentType = PROBLEM;
    private final List<byte[]> singles = new CopyOnWriteArrayList<>();
    private final List<String> singleTypes = new CopyOnWriteArrayList<>();
    private final List<String> failedCodes = new CopyOnWriteArrayList<>();
    private final List<List<Outbox.Attempt>> recorded = new CopyOnWriteArrayList<>();
    private Delivery delivery;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki(dir);
        keys = pki.keys(pki.signer("140000"));
    }

    @BeforeEach
    void peer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/exchange/batches", x -> {
            x.getRequestBody().readAllBytes();
            batchPosts.incrementAndGet();
            answer(x, batchStatus, batchContentType);
        });
        server.createContext("/api/exchange/packages", x -> {
            singles.add(x.getRequestBody().readAllBytes());
            singleTypes.add(x.getRequestHeaders().getFirst("Content-Type"));
            answer(x, singleStatus, singleContentType);
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();

        delivery = new Delivery();
        delivery.node = TestPki.node("140000");
        delivery.keys = keys;
        delivery.stats = new ExchangeStats();
        delivery.settings = new ExchangeSettings() {
            @Override
            public int batchMax() {
                return 200;
            }

            @Override
            public int maxAttempts() {
                return 10;
            }

            @Override
            public Duration httpTimeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public Duration batchFallback() {
                return Duration.ofMinutes(10);
            }

            @Override
            public Duration backoffInitial() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Duration backoffMax() {
                return Duration.ofMinutes(10);
            }
        };
        delivery.directory = new NodeDirectory() {
            @Override
            public NodeId nextHop(NodeId receiver) {
                return NodeId.NATIONAL;
            }

            @Override
            public Optional<Peer> find(NodeId id) {
                return Optional.of(new Peer(NodeId.NATIONAL, "national", NodeLevel.NATIONAL, null, url,
                        Peer.Transport.HTTP, null, "{}"));
            }
        };
        delivery.outbox = new Outbox() {
            @Override
            public String failed(OutboxItem item, String hop, String code, String error, boolean retryable,
                    MessageLog.Entry logEntry) {
                failedCodes.add(code + (retryable ? " retry" : " final"));
                return "RETRYING";
            }

            @Override
            public List<String> recordBatch(List<Attempt> attempts) {
                recorded.add(attempts);
                return attempts.stream().map(a -> "RETRYING").toList();
            }
        };
    }

    static final String PROBLEM = "application/problem+json";
    static final String PAYARA_NOT_DEPLOYED = "text/html;charset=ISO-8859-1";

    private static void answer(com.sun.net.httpserver.HttpExchange x, int status, String contentType)
            throws java.io.IOException {
        byte[] body = (contentType.equals(PROBLEM) ? "{\"title\":\"HTTP " + status + "\"}"
                : "<html><body><h1>HTTP Status " + status + " - Not Found</h1></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", contentType);
        x.sendResponseHeaders(status, body.length);
        x.getResponseBody().write(body);
        x.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static OutboxItem item(int i) {
        DataPackage p = DataPackage.create("ping", 1, NodeId.of("140000"), NodeId.NATIONAL, "ping", null,
                Json.createObjectBuilder().add("text", "ping " + i).build(), Instant.now());
        byte[] bytes = p.canonicalBytes();
        return new OutboxItem(p.envelope().id(), "ping", "100000", "ping", null, "LOCAL", bytes, p.digest(),
                bytes.length, 1);
    }

    @Test
    void aPeerWithoutTheBatchBindingGetsTheSameSignedPackagesOneByOneAndIsRemembered() throws Exception {
        List<OutboxItem> group = List.of(item(1), item(2), item(3));
        delivery.sendGroup(group);
        assertEquals(1, batchPosts.get(), "one batch POST, answered 404");
        assertEquals(3, singles.size(), "then one single POST per package");
        for (int i = 0; i < 3; i++) {
            assertEquals(Delivery.MEDIA_TYPE, singleTypes.get(i));
            SignedPackage sp = SignedPackage.fromWire(singles.get(i), SignedPackage.DEFAULT_MAX_BYTES);
            assertEquals(group.get(i).id(), sp.pkg().envelope().id(), "same packages, same order");
            assertEquals(group.get(i).digest(), sp.pkg().digest());
            CmsVerifier.verify(sp.pkg().canonicalBytes(), sp.signature()); // signed once, for this attempt
        }
        assertEquals(List.of("HTTP_503 retry", "HTTP_503 retry", "HTTP_503 retry"), failedCodes,
                "each single POST's outcome recorded as for the single binding");
        assertTrue(recorded.isEmpty(), "no batch outcome recorded");

        // the peer is remembered: the next group goes straight to single POSTs
        delivery.sendGroup(List.of(item(4), item(5)));
        assertEquals(1, batchPosts.get());
        assertEquals(5, singles.size());
    }

    @Test
    void anyOtherFailureOfABatchIsATransportFailureOfEachOfItsPackagesRecordedTogether() throws Exception {
        batchStatus = 503;
        List<OutboxItem> group = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            group.add(item(i));
        }
        delivery.sendGroup(group);
        assertEquals(1, batchPosts.get());
        assertEquals(0, singles.size(), "no fallback to single POSTs on 503");
        assertEquals(1, recorded.size(), "all outcomes recorded in one call (one transaction)");
        List<Outbox.Attempt> attempts = recorded.get(0);
        assertEquals(group.stream().map(OutboxItem::id).toList(), attempts.stream().map(a -> a.item().id()).toList());
        for (Outbox.Attempt a : attempts) {
            assertEquals("HTTP_503", a.code());
            assertTrue(a.retryable() && !a.delivered());
            assertEquals("OUT", a.logEntry().direction());
        }
        // a peer answering 503 is not remembered as lacking the binding
        delivery.sendGroup(List.of(item(30), item(31)));
        assertEquals(2, batchPosts.get());
    }

    @Test
    void aPeerWhoseApplicationIsNotDeployedYetIsRetriedNotDowngraded() throws Exception {
        // Payara Micro answers 404 with its HTML page while the node's application deploys (a node starting)
        batchContentType = PAYARA_NOT_DEPLOYED;
        delivery.sendGroup(List.of(item(1), item(2), item(3)));
        assertEquals(1, batchPosts.get());
        assertEquals(0, singles.size(), "no fallback to single POSTs");
        assertEquals(List.of(Delivery.NOT_READY, Delivery.NOT_READY, Delivery.NOT_READY),
                recorded.get(0).stream().map(Outbox.Attempt::code).toList());
        assertTrue(recorded.get(0).stream().allMatch(a -> a.retryable() && !a.delivered()));
        assertTrue(Outbox.isTransportFailure(Delivery.NOT_READY), "expedited once the peer answers again");

        batchContentType = PROBLEM; // deployed now: the same peer gets batches again
        batchStatus = 503;
        delivery.sendGroup(List.of(item(4), item(5)));
        assertEquals(2, batchPosts.get(), "not remembered as lacking the batch binding");

        singleStatus = 404; // and the single binding says the same for a group of one
        singleContentType = PAYARA_NOT_DEPLOYED;
        delivery.sendGroup(List.of(item(6)));
        assertEquals(List.of(Delivery.NOT_READY + " retry"), failedCodes);
    }

    @Test
    void aGroupOfOneUsesTheSingleBinding() throws Exception {
        delivery.sendGroup(List.of(item(1)));
        assertEquals(0, batchPosts.get());
        assertEquals(1, singles.size());
        assertEquals(0, BatchDocument.MEDIA_TYPE.indexOf("application/vnd.cityops.batch+json"));
    }
}
