package cn.cityops.core.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exchange's Camel routes with their collaborators replaced by small subclasses that record what the routes hand
 * them. Waiting is done with {@link NotifyBuilder}, never by sleeping. Each test starts only the route it checks.
 */
class ExchangeRoutesTest {

    private static final long WAIT_SECONDS = 30;
    private static final int SENDERS = 4;

    @TempDir
    Path incoming;

    private DefaultCamelContext context;
    private ExecutorService senders;
    private final TestSettings settings = new TestSettings();
    private final TestOutbox outbox = new TestOutbox();
    private final TestDelivery delivery = new TestDelivery();
    private final TestFerryIn ferryIn = new TestFerryIn();
    private final TestRetention retention = new TestRetention();

    // --- collaborators: the real CDI classes, only the methods the routes call overridden ------------------------------

    /** Short poll interval; the ferry reads the test's temporary directory. */
    private final class TestSettings extends ExchangeSettings {
        @Override
        public Duration pollInterval() {
            return Duration.ofMillis(20);
        }

        @Override
        public int batchSize() {
            return 50;
        }

        @Override
        public Duration receiptTimeout() {
            return Duration.ofSeconds(4); // watchdog period max(1 s, min(timeout, sending timeout) / 4)
        }

        @Override
        public Duration httpTimeout() {
            return Duration.ofSeconds(10); // sending timeout 2 × 10 s + 10 s
        }

        @Override
        public int senders() {
            return SENDERS;
        }

        @Override
        public int batchMax() {
            return 1; // every package on its own: these tests check the route's hand-over, not the grouping
        }

        @Override
        public Optional<Path> ferryIncoming() {
            return Optional.of(incoming);
        }
    }

    /** Hands out the queued batches one per claim, then nothing. */
    private static final class TestOutbox extends Outbox {
        final List<List<OutboxItem>> batches = new CopyOnWriteArrayList<>();
        final AtomicInteger claims = new AtomicInteger();
        final List<Integer> limits = new CopyOnWriteArrayList<>();
        final List<Duration> requeues = new CopyOnWriteArrayList<>();
        final List<Duration> sendingTimeouts = new CopyOnWriteArrayList<>();

        @Override
        public List<OutboxItem> claimDue(int limit) {
            claims.incrementAndGet();
            limits.add(limit);
            return batches.isEmpty() ? List.of() : batches.remove(0);
        }

        @Override
        public int requeueUnanswered(Duration receiptTimeout, Duration sendingTimeout) {
            requeues.add(receiptTimeout);
            sendingTimeouts.add(sendingTimeout);
            return 0;
        }
    }

    /** Records every item it is given and the thread; an optional hook runs first (may block or throw). */
    private static final class TestDelivery extends Delivery {
        final Map<UUID, AtomicInteger> sent = new ConcurrentHashMap<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        volatile Function<OutboxItem, Void> hook = item -> null;

        @Override
        public void send(OutboxItem item) {
            sent.computeIfAbsent(item.id(), k -> new AtomicInteger()).incrementAndGet();
            threads.add(Thread.currentThread().getName());
            hook.apply(item);
        }
    }

    /** Records every file it is given; the answer comes from {@link #answer}. */
    private final class TestFerryIn extends FerryIn {
        final List<String> names = new CopyOnWriteArrayList<>();
        final Map<String, String> contents = new ConcurrentHashMap<>();
        volatile Answer answer = (name, content) -> name.contains("bad") ? FAILED : DONE;

        @Override
        public String accept(String fileName, byte[] content) throws Exception {
            names.add(fileName);
            contents.put(fileName, new String(content, StandardCharsets.UTF_8));
            return answer.of(fileName, content);
        }
    }

    @FunctionalInterface
    private interface Answer {
        String of(String name, byte[] content) throws Exception;
    }

    private static final class TestRetention extends Retention {
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public void run() {
            runs.incrementAndGet();
        }
    }

    // --- context ------------------------------------------------------------------------------------------------------

    @BeforeEach
    void camel() throws Exception {
        AtomicInteger n = new AtomicInteger();
        senders = Executors.newFixedThreadPool(SENDERS, r -> {
            Thread t = new Thread(r, "test-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        delivery.settings = settings; // the route asks Delivery to group the claimed packages (batch-max, senders)
        context = new DefaultCamelContext();
        context.addRoutes(new ExchangeRoutes(settings, outbox, delivery, ferryIn, retention, senders));
        context.setAutoStartup(false); // each test starts the route it checks, after creating its NotifyBuilder
        context.start();
    }

    @AfterEach
    void stop() throws Exception {
        context.close();
        senders.shutdownNow();
    }

    private void startRoute(String id) throws Exception {
        context.getRouteController().startRoute(id);
    }

    private static OutboxItem item(int i) {
        byte[] bytes = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
        return new OutboxItem(UUID.randomUUID(), "ping", "140000", "c-" + i, null, "LOCAL", bytes, "sha256:x",
                bytes.length, 1);
    }

    // --- outbox route -------------------------------------------------------------------------------------------------

    @Test
    void allRoutesAreDefined() {
        assertEquals(Set.of("exchange-outbox", "exchange-receipt-watchdog", "exchange-retention",
                "exchange-ferry-in"), context.getRoutes().stream().map(r -> r.getRouteId())
                        .collect(Collectors.toSet()));
    }

    @Test
    void handsEveryClaimedItemToDeliveryExactlyOnceInParallelOnTheSenderPool() throws Exception {
        List<OutboxItem> first = List.of(item(1), item(2), item(3), item(4));
        List<OutboxItem> second = List.of(item(5), item(6));
        outbox.batches.add(first);
        outbox.batches.add(second);
        // the first batch's four sends meet at a barrier: it only opens if they run at the same time
        CyclicBarrier together = new CyclicBarrier(first.size());
        Set<UUID> firstIds = first.stream().map(OutboxItem::id).collect(Collectors.toSet());
        List<String> problems = new CopyOnWriteArrayList<>();
        delivery.hook = i -> {
            if (firstIds.contains(i.id())) {
                try {
                    together.await(WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (Exception e) {
                    problems.add("send of " + i.correlationId() + " did not run in parallel: " + e);
                }
            }
            return null;
        };

        // done once a poll after both batches (claim number 3, which returns nothing) has finished
        NotifyBuilder drained = new NotifyBuilder(context).fromRoute("exchange-outbox")
                .whenAnyDoneMatches(e -> outbox.claims.get() >= 3).create();
        startRoute("exchange-outbox");
        assertTrue(drained.matches(WAIT_SECONDS, TimeUnit.SECONDS), "outbox route polled three times");

        assertEquals(List.of(), problems);
        Set<UUID> all = Stream.concat(first.stream(), second.stream()).map(OutboxItem::id)
                .collect(Collectors.toSet());
        assertEquals(all, delivery.sent.keySet());
        delivery.sent.forEach((id, count) -> assertEquals(1, count.get(), "sends of " + id));
        assertFalse(delivery.threads.isEmpty());
        assertTrue(delivery.threads.stream().allMatch(t -> t.startsWith("test-sender-")),
                "sent on the given executor: " + delivery.threads);
        assertTrue(delivery.threads.size() >= first.size(), "one thread per parallel send: " + delivery.threads);
        assertEquals(settings.batchSize(), outbox.limits.get(0), "first claim, every sender idle");
        assertTrue(outbox.limits.stream().allMatch(l -> l >= 1 && l <= settings.batchSize()), "claims " + outbox.limits);
    }

    @Test
    void aFreeSenderClaimsAgainWhileAnotherIsStillWaitingForItsPeer() throws Exception {
        OutboxItem slow = item(1);
        OutboxItem next = item(2);
        outbox.batches.add(List.of(slow));
        outbox.batches.add(List.of(next));
        CountDownLatch nextSent = new CountDownLatch(1);
        List<String> problems = new CopyOnWriteArrayList<>();
        delivery.hook = i -> {
            if (i.id().equals(slow.id())) {
                try { // the slow peer answers only once the next package has gone out on another thread
                    if (!nextSent.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                        problems.add("the next package was not sent while the first waited");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                nextSent.countDown();
            }
            return null;
        };
        NotifyBuilder drained = new NotifyBuilder(context).fromRoute("exchange-outbox")
                .whenAnyDoneMatches(e -> delivery.sent.size() == 2).create();
        startRoute("exchange-outbox");
        assertTrue(drained.matches(WAIT_SECONDS, TimeUnit.SECONDS), "sent: " + delivery.sent.keySet());
        assertEquals(List.of(), problems);
        assertEquals(Integer.valueOf(settings.batchSize() * (SENDERS - 1) / SENDERS), outbox.limits.get(1),
                "the second claim is the share of the three idle senders");
    }

    @Test
    void nothingIsClaimedWhileSendingIsPaused() throws Exception {
        outbox.batches.add(List.of(item(1)));
        assertTrue(delivery.pause(true));
        assertFalse(delivery.pause(true), "already paused");
        NotifyBuilder polled = new NotifyBuilder(context).fromRoute("exchange-outbox").whenDone(3).create();
        startRoute("exchange-outbox");
        assertTrue(polled.matches(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(delivery.polls() >= 3, "every poll counted, paused or not: " + delivery.polls());
        assertEquals(0, outbox.claims.get());
        assertTrue(delivery.sent.isEmpty());

        assertTrue(delivery.pause(false));
        NotifyBuilder sent = new NotifyBuilder(context).fromRoute("exchange-outbox")
                .whenAnyDoneMatches(e -> delivery.sent.size() == 1).create();
        assertTrue(sent.matches(WAIT_SECONDS, TimeUnit.SECONDS), "sent after resume");
    }

    @Test
    void aFailingSendDoesNotKeepTheOtherItemsOfTheBatchFromBeingSent() throws Exception {
        List<OutboxItem> batch = List.of(item(1), item(2), item(3), item(4), item(5));
        outbox.batches.add(batch);
        UUID failing = batch.get(1).id();
        delivery.hook = i -> {
            if (i.id().equals(failing)) {
                throw new IllegalStateException("peer unreachable");
            }
            return null;
        };
        NotifyBuilder drained = new NotifyBuilder(context).fromRoute("exchange-outbox")
                .whenAnyDoneMatches(e -> delivery.sent.size() == batch.size() && outbox.claims.get() >= 2).create();
        startRoute("exchange-outbox");
        assertTrue(drained.matches(WAIT_SECONDS, TimeUnit.SECONDS), "sent: " + delivery.sent.keySet());

        assertEquals(batch.stream().map(OutboxItem::id).collect(Collectors.toSet()), delivery.sent.keySet());
        delivery.sent.forEach((id, count) -> assertEquals(1, count.get(), "sends of " + id));
    }

    @Test
    void theWatchdogRequeuesUnansweredPackagesWithTheReceiptTimeout() throws Exception {
        NotifyBuilder ran = new NotifyBuilder(context).fromRoute("exchange-receipt-watchdog").whenCompleted(1)
                .create();
        startRoute("exchange-receipt-watchdog"); // first run 5 s after the start
        assertTrue(ran.matches(WAIT_SECONDS, TimeUnit.SECONDS));
        assertFalse(outbox.requeues.isEmpty());
        assertEquals(Duration.ofSeconds(4), outbox.requeues.get(0));
        assertEquals(Duration.ofSeconds(30), outbox.sendingTimeouts.get(0));
        assertEquals(0, retention.runs.get(), "retention runs an hour apart, first after a minute");
    }

    // --- ferry route --------------------------------------------------------------------------------------------------

    private Path write(String relative, String content) throws IOException {
        Path file = incoming.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    /**
     * Where the route moves a processed file found in {@code dir} (relative to the incoming directory, "" for the
     * incoming directory itself). The route's {@code move=${header.ferryTarget}/${file:onlyname}} is a simple-language
     * expression, which Camel resolves against the endpoint's starting directory — so files from every sender
     * sub-directory end up in the one {@code <incoming>/.done/} or {@code .failed/}, as FerryIn's javadoc says
     * ("relative to the incoming directory"). For {@code <dir>/.done/} (relative to the file's directory) the route
     * would need {@code move=${file:parent}/${header.ferryTarget}/${file:onlyname}}; then return
     * {@code (dir.isEmpty() ? "" : dir + "/") + target + "/" + name} here.
     */
    private static String moved(String dir, String target, String name) {
        return target + "/" + name;
    }

    /** Every regular file under the incoming directory, as relative paths with '/'. */
    private Set<String> tree() throws IOException {
        try (Stream<Path> files = Files.walk(incoming)) {
            return files.filter(Files::isRegularFile).map(p -> incoming.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void ferryReadsPackagesAndReceiptsRecursivelyAndMovesThemByTheAnswer() throws Exception {
        write("140600/a1.pkg.json", "package a1");
        write("140600/a2-bad.pkg.json", "package a2");
        write("140600/r1.rcpt.json", "receipt r1");
        write("140600/r2-bad.rcpt.json", "receipt r2");
        write("100000/b1.pkg.json", "package b1");
        write("top.pkg.json", "package top");
        // ignored: hidden temp files of writers, hidden files, other names
        write(".x.pkg.json.tmp", "being written");
        write("140600/.a3.pkg.json.tmp", "being written");
        write("140600/.hidden.pkg.json", "hidden");
        write("140600/a1.pkg.json.tmp", "not a package name");
        write("140600/notes.txt", "notes");
        write("140600/other.json", "{}");
        write("README", "readme");

        NotifyBuilder six = new NotifyBuilder(context).fromRoute("exchange-ferry-in").whenDone(6).create();
        startRoute("exchange-ferry-in");
        assertTrue(six.matches(WAIT_SECONDS, TimeUnit.SECONDS), "six files processed, got " + ferryIn.names);

        // a later file proves that further polls happened: the ignored files stay ignored
        NotifyBuilder seventh = new NotifyBuilder(context).fromRoute("exchange-ferry-in")
                .filter(org.apache.camel.builder.Builder.header(org.apache.camel.Exchange.FILE_NAME_ONLY)
                        .isEqualTo("late.pkg.json")).whenDone(1).create();
        write("140600/late.pkg.json", "package late");
        assertTrue(seventh.matches(WAIT_SECONDS, TimeUnit.SECONDS), "late file processed, got " + ferryIn.names);

        List<String> names = new ArrayList<>(ferryIn.names);
        Collections.sort(names);
        assertEquals(List.of("a1.pkg.json", "a2-bad.pkg.json", "b1.pkg.json", "late.pkg.json", "r1.rcpt.json",
                "r2-bad.rcpt.json", "top.pkg.json"), names, "each file handed over once, by its name only");
        assertEquals("package a1", ferryIn.contents.get("a1.pkg.json"));
        assertEquals("receipt r2", ferryIn.contents.get("r2-bad.rcpt.json"));

        assertEquals(new TreeSet<>(List.of(
                moved("140600", FerryIn.DONE, "a1.pkg.json"), moved("140600", FerryIn.FAILED, "a2-bad.pkg.json"),
                moved("140600", FerryIn.DONE, "r1.rcpt.json"), moved("140600", FerryIn.FAILED, "r2-bad.rcpt.json"),
                moved("140600", FerryIn.DONE, "late.pkg.json"), moved("100000", FerryIn.DONE, "b1.pkg.json"),
                moved("", FerryIn.DONE, "top.pkg.json"),
                ".x.pkg.json.tmp", "140600/.a3.pkg.json.tmp", "140600/.hidden.pkg.json",
                "140600/a1.pkg.json.tmp", "140600/notes.txt", "140600/other.json", "README")), tree());
    }

    @Test
    void anExceptionInAcceptLeavesTheFileForTheNextPoll() throws Exception {
        Path file = write("140600/flaky.pkg.json", "package flaky");
        AtomicInteger calls = new AtomicInteger();
        List<Boolean> inPlace = new CopyOnWriteArrayList<>();
        ferryIn.answer = (name, content) -> {
            inPlace.add(Files.isRegularFile(file));
            if (calls.incrementAndGet() == 1) {
                throw new IOException("database unavailable");
            }
            return FerryIn.DONE;
        };
        NotifyBuilder failedThenDone = new NotifyBuilder(context).fromRoute("exchange-ferry-in").whenFailed(1)
                .whenCompleted(1).create();
        startRoute("exchange-ferry-in");
        assertTrue(failedThenDone.matches(WAIT_SECONDS, TimeUnit.SECONDS), "calls: " + calls.get());

        assertEquals(2, calls.get());
        assertEquals(List.of(true, true), inPlace, "the file was still in place for the second poll");
        assertEquals(Set.of(moved("140600", FerryIn.DONE, "flaky.pkg.json")), tree());
    }
}
