package cn.cityops.core.exchange;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.logging.Logger;

import cn.cityops.core.config.NodeConfig;
import cn.cityops.exchange.pkg.BatchDocument;
import cn.cityops.exchange.pkg.BatchReceipts;
import cn.cityops.exchange.pkg.Receipts.Outcome;
import cn.cityops.exchange.pkg.Receipts.ReceiptView;
import cn.cityops.exchange.pkg.RejectionCode;
import cn.cityops.exchange.verify.PackageRejectedException;
import cn.cityops.exchange.verify.VerifiedPackage;
import cn.cityops.model.node.NodeId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * One send attempt of an outgoing package: find the next hop, sign (own packages are signed at each attempt, so the
 * signing time is fresh; forwarded packages travel with their original signature), hand to the hop's transport, check
 * the signed receipt, and record the outcome in the outbox and the message log.
 */
@ApplicationScoped
public class Delivery {

    private static final Logger LOG = Logger.getLogger(Delivery.class.getName());

    /** Media type of a package on the wire (SPEC.md §11). */
    public static final String MEDIA_TYPE = "application/vnd.cityops.package+json";

    @Inject
    NodeConfig node;

    @Inject
    ExchangeSettings settings;

    @Inject
    ExchangeKeys keys;

    @Inject
    NodeDirectory directory;

    @Inject
    Outbox outbox;

    @Inject
    Inbox inbox;

    @Inject
    ExchangeStats stats;

    private volatile HttpClient http;

    /** Peers that answered a batch with 404/405/415 (no batch binding), until when they get single POSTs only. */
    private final Map<String, Instant> noBatches = new ConcurrentHashMap<>();

    /** Next hops whose last attempt failed in transport (unreachable, timeout, 5xx): their packages wait in backoff. */
    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();

    private final AtomicBoolean paused = new AtomicBoolean();
    /** Outbox polls on this instance since it started, paused or not: a live sign of the sending loop. */
    private final LongAdder polls = new LongAdder();

    /**
     * Whether an operator paused sending on this instance ({@code POST /api/exchange/outbox/pause}): packages are
     * still queued, none is claimed. Not persisted: a restart resumes.
     */
    public boolean paused() {
        return paused.get();
    }

    /** Counts one poll of the outbox ({@link ExchangeRoutes}), whether or not it claimed anything. */
    void polled() {
        polls.increment();
    }

    /** Outbox polls on this instance since start ({@code deliveryPolls} in the exchange status). */
    public long polls() {
        return polls.sum();
    }

    /** Pauses or resumes sending; true if this changed the state. */
    public boolean pause(boolean pause) {
        return paused.compareAndSet(!pause, pause);
    }

    /**
     * Groups claimed packages for sending (SPEC.md §13.3): per next hop, in claim order, chunks of at most
     * {@code batch-max} packages and {@code batch-max-bytes}; a chunk is made no larger than needed to give each of
     * the {@code threads} free sender threads work, so signing runs in parallel. A package bigger than half the byte
     * limit, or whose route cannot be determined, travels alone.
     */
    public List<List<OutboxItem>> groups(List<OutboxItem> items, int threads) {
        return group(items, i -> {
            try {
                return directory.nextHop(NodeId.of(i.receiver())).value();
            } catch (RuntimeException e) {
                return null;
            }
        }, settings.batchMax(), settings.batchMaxBytes(), threads);
    }

    static List<List<OutboxItem>> group(List<OutboxItem> items, Function<OutboxItem, String> hopOf, int batchMax,
            int maxBytes, int senders) {
        int threads = Math.max(1, senders);
        int chunk = Math.max(1, Math.min(batchMax, Math.max(16, (items.size() + threads - 1) / threads)));
        Map<String, List<List<OutboxItem>>> byHop = new LinkedHashMap<>();
        List<List<OutboxItem>> alone = new ArrayList<>();
        Map<String, Integer> bytes = new java.util.HashMap<>();
        for (OutboxItem i : items) {
            String hop = hopOf.apply(i);
            if (hop == null || i.sizeBytes() > maxBytes / 2) {
                alone.add(List.of(i));
                continue;
            }
            List<List<OutboxItem>> chunks = byHop.computeIfAbsent(hop, h -> new ArrayList<>());
            List<OutboxItem> open = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
            int used = bytes.getOrDefault(hop, 0);
            if (open == null || open.size() >= chunk || used + i.sizeBytes() + 4096 > maxBytes) {
                open = new ArrayList<>();
                chunks.add(open);
                used = 0;
            }
            open.add(i);
            bytes.put(hop, used + i.sizeBytes() + 4096); // + room for the signature
        }
        List<List<OutboxItem>> out = new ArrayList<>();
        byHop.values().forEach(out::addAll);
        out.addAll(alone);
        return out;
    }

    /**
     * Sends a group of packages for one next hop: one batch POST over HTTP (SPEC.md §13.3), or each package on its
     * own (a group of one, a file-ferry peer, or a peer without the batch binding).
     */
    public void sendGroup(List<OutboxItem> group) {
        if (group.size() == 1 || settings.batchMax() <= 1) {
            group.forEach(this::send);
            return;
        }
        long t0 = System.nanoTime();
        NodeId hop = directory.nextHop(NodeId.of(group.get(0).receiver()));
        Optional<Peer> peer = directory.find(hop);
        Optional<String> url = peer.map(Peer::baseUrl).filter(u -> !u.isBlank())
                .or(() -> node.nodeId().parent().filter(hop::equals).flatMap(p -> node.parentUrl()));
        boolean ferry = peer.map(p -> p.transport() == Peer.Transport.FERRY).orElse(false);
        Instant refusedUntil = noBatches.get(hop.value());
        if (ferry || url.isEmpty() || (refusedUntil != null && refusedUntil.isAfter(Instant.now()))) {
            group.forEach(this::send);
            return;
        }
        List<OutboxItem> items = new ArrayList<>(group.size());
        List<byte[]> wires = new ArrayList<>(group.size());
        List<Outbox.Attempt> unsigned = new ArrayList<>();
        for (OutboxItem item : group) {
            try {
                wires.add(item.forwarded() ? item.packageBytes() : sign(item.packageBytes()));
                items.add(item);
            } catch (RuntimeException e) {
                unsigned.add(Outbox.Attempt.failed(item, hop.value(), "SIGNING_FAILED", e.getMessage(), true, null));
            }
        }
        if (!unsigned.isEmpty()) {
            record(unsigned);
        }
        if (!items.isEmpty()) {
            sendBatchByHttp(items, wires, hop, url.get(), t0);
        }
    }

    private void sendBatchByHttp(List<OutboxItem> items, List<byte[]> wires, NodeId hop, String baseUrl, long t0) {
        byte[] body = BatchDocument.write(wires);
        HttpResponse<byte[]> response;
        long th = System.nanoTime();
        long ch = ExchangeStats.cpu();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(stripSlash(baseUrl) + "/api/exchange/batches"))
                    .timeout(settings.httpTimeout()).header("Content-Type", BatchDocument.MEDIA_TYPE)
                    .header("Accept", MEDIA_TYPE + ", application/problem+json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            response = client().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            retryAll(items, wires, hop, "TIMEOUT", "no answer from " + hop + " within "
                    + settings.httpTimeout().toSeconds() + " s (batch of " + items.size() + ")", t0);
            return;
        } catch (ConnectException e) {
            retryAll(items, wires, hop, "UNREACHABLE", hop + " at " + baseUrl + " refused the connection", t0);
            return;
        } catch (IOException e) {
            retryAll(items, wires, hop, "TRANSPORT", "HTTP exchange with " + hop + " failed: " + e, t0);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            retryAll(items, wires, hop, "INTERRUPTED", "send interrupted (node stopping)", t0);
            return;
        } catch (IllegalArgumentException e) {
            List<Outbox.Attempt> bad = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                bad.add(Outbox.Attempt.failed(items.get(i), hop.value(), "BAD_PEER_URL", "peer URL '" + baseUrl
                        + "' is invalid: " + e.getMessage(), false, logEntry(items.get(i), hop, wires.get(i).length,
                                "BAD_PEER_URL", t0)));
            }
            record(bad);
            return;
        } finally {
            stats.since(ExchangeStats.Stage.HTTP, th, ch);
        }
        stats.batchSent();
        int status = response.statusCode();
        String ct = response.headers().firstValue("Content-Type").orElse("");
        if (status == 200 && ct.startsWith(MEDIA_TYPE)) {
            onBatchReceipt(items, wires, hop, response.body(), t0);
        } else if (notDeployed(status, ct)) {
            retryAll(items, wires, hop, NOT_READY, notReadyMessage(hop), t0);
        } else if (status == 404 || status == 405 || status == 415) {
            noBatches.put(hop.value(), Instant.now().plus(settings.batchFallback()));
            LOG.info(node.tag() + " EXC-043 " + hop + " answered a batch with HTTP " + status + ": sending it single"
                    + " packages for " + settings.batchFallback().toMinutes() + " min");
            sendOneByOne(items, wires, hop, baseUrl);
        } else if (status == 413) {
            LOG.info(node.tag() + " EXC-044 " + hop + " refused a batch of " + items.size() + " (" + body.length
                    + " bytes) as too large; sending its packages one by one");
            sendOneByOne(items, wires, hop, baseUrl);
        } else {
            String text = new String(response.body(), StandardCharsets.UTF_8);
            retryAll(items, wires, hop, "HTTP_" + status, hop + " answered a batch with HTTP " + status + ": "
                    + Outbox.truncate(text), t0);
        }
    }

    /** The same signed documents, each in its own POST to the single-package endpoint. */
    private void sendOneByOne(List<OutboxItem> items, List<byte[]> wires, NodeId hop, String baseUrl) {
        for (int i = 0; i < items.size(); i++) {
            sendByHttp(items.get(i), hop, baseUrl, wires.get(i), System.nanoTime());
        }
    }

    private void retryAll(List<OutboxItem> items, List<byte[]> wires, NodeId hop, String code, String error, long t0) {
        noteTransport(hop, code);
        List<Outbox.Attempt> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(Outbox.Attempt.failed(items.get(i), hop.value(), code, error, true,
                    logEntry(items.get(i), hop, wires.get(i).length, code, t0)));
        }
        record(out);
    }

    private void record(List<Outbox.Attempt> attempts) {
        long td = System.nanoTime();
        long cd = ExchangeStats.cpu();
        List<String> statuses = outbox.recordBatch(attempts);
        stats.since(ExchangeStats.Stage.DB, td, cd);
        for (int i = 0; i < attempts.size(); i++) {
            Outbox.Attempt a = attempts.get(i);
            if ("FAILED".equals(statuses.get(i))) {
                LOG.warning(node.tag() + " EXC-042 package " + a.item().id() + " (" + a.item().type() + " to "
                        + a.item().receiver() + ") FAILED after " + a.item().attempts() + " attempts: " + a.code()
                        + " " + a.error());
            }
        }
    }

    /**
     * Checks the one signed batch receipt (signature, trust, addressed to this node, signed by the hop, one entry per
     * package in order) and applies each entry exactly as a single receipt would be applied.
     */
    private void onBatchReceipt(List<OutboxItem> items, List<byte[]> wires, NodeId hop, byte[] receiptWire, long t0) {
        BatchReceipts.BatchReceiptView view;
        long tv = System.nanoTime();
        long cv = ExchangeStats.cpu();
        try {
            VerifiedPackage v = inbox.verifier().verify(receiptWire);
            if (!BatchReceipts.TYPE.equals(v.envelope().type()) || !v.forThisNode()) {
                throw new PackageRejectedException(RejectionCode.PKG_MALFORMED, "not a batch receipt for this node",
                        v.envelope());
            }
            if (!v.envelope().sender().equals(hop)) {
                throw new PackageRejectedException(RejectionCode.CERT_SENDER_MISMATCH, "batch receipt signed by "
                        + v.envelope().sender() + ", expected " + hop, v.envelope());
            }
            try {
                view = BatchReceipts.read(v.pkg());
            } catch (cn.cityops.exchange.pkg.MalformedPackageException e) {
                throw new PackageRejectedException(e.code(), "unreadable batch receipt: " + e.getMessage(),
                        v.envelope());
            }
            if (view.entries().size() != items.size()) {
                throw new PackageRejectedException(RejectionCode.PKG_MALFORMED, "batch receipt has "
                        + view.entries().size() + " entries for " + items.size() + " packages", v.envelope());
            }
        } catch (PackageRejectedException e) {
            stats.since(ExchangeStats.Stage.VERIFY, tv, cv);
            retryAll(items, wires, hop, "RECEIPT_INVALID", "batch receipt from " + hop + " refused: " + e.code() + " "
                    + e.getMessage(), t0);
            return;
        }
        stats.since(ExchangeStats.Stage.VERIFY, tv, cv);
        answered(hop);
        int ms = Inbox.millisSince(t0);
        List<Outbox.Attempt> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            OutboxItem item = items.get(i);
            BatchReceipts.Entry e = view.entries().get(i);
            int size = wires.get(i).length;
            String invalid = null;
            if (e.refPackageId() != null && !e.refPackageId().equals(item.id())) {
                invalid = "entry " + i + " of the batch receipt from " + hop + " refers to another package";
            } else if (e.refPackageId() == null && e.outcome() != Outcome.REJECTED) {
                invalid = "entry " + i + " of the batch receipt from " + hop + " names no package";
            } else if (e.outcome() != Outcome.REJECTED && e.refDigest() != null && !e.refDigest().equals(item.digest())) {
                invalid = "entry " + i + " of the batch receipt from " + hop + " acknowledges different content";
            }
            if (invalid != null) {
                out.add(Outbox.Attempt.failed(item, hop.value(), "RECEIPT_INVALID", invalid, true,
                        logEntry(item, hop, size, "RECEIPT_INVALID", t0)));
            } else if (e.outcome() == Outcome.REJECTED) {
                out.add(Outbox.Attempt.failed(item, hop.value(), e.code(), hop + " rejected the package: " + e.reason(),
                        e.retryable(), logEntry(item, hop, size, e.code(), t0)));
            } else {
                out.add(Outbox.Attempt.delivered(item, hop.value(), e.outcome().name(), ms,
                        logEntry(item, hop, size, e.outcome().name(), t0)));
            }
        }
        record(out);
    }

    public void send(OutboxItem item) {
        long t0 = System.nanoTime();
        NodeId receiver = NodeId.of(item.receiver());
        NodeId hop = directory.nextHop(receiver);
        Optional<Peer> peer = directory.find(hop);
        Optional<String> url = peer.map(Peer::baseUrl).filter(u -> !u.isBlank())
                .or(() -> node.nodeId().parent().filter(hop::equals).flatMap(p -> node.parentUrl()));
        boolean ferry = peer.map(p -> p.transport() == Peer.Transport.FERRY).orElse(false);
        if (!ferry && url.isEmpty()) {
            outbox.failed(item, hop.value(), "PEER_UNKNOWN", "next hop " + hop + " is not in the directory yet", true,
                    null);
            return;
        }
        byte[] wire;
        try {
            wire = item.forwarded() ? item.packageBytes() : sign(item.packageBytes());
        } catch (RuntimeException e) {
            outbox.failed(item, hop.value(), "SIGNING_FAILED", e.getMessage(), true, null);
            return;
        }
        if (ferry) {
            sendByFerry(item, hop, wire, t0);
        } else {
            sendByHttp(item, hop, url.get(), wire, t0);
        }
    }

    /** {@code {"package":<canonical bytes>,"signature":"…"}} without re-serialising the canonical package. */
    private byte[] sign(byte[] canonical) {
        long ts = System.nanoTime();
        long cs = ExchangeStats.cpu();
        String sig = Base64.getEncoder().encodeToString(keys.signer().signDetached(canonical));
        stats.since(ExchangeStats.Stage.SIGN, ts, cs);
        byte[] head = "{\"package\":".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = (",\"signature\":\"" + sig + "\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + canonical.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(canonical, 0, out, head.length, canonical.length);
        System.arraycopy(tail, 0, out, head.length + canonical.length, tail.length);
        return out;
    }

    /** Failure code of a peer whose server answers while its node application is not deployed (a node starting). */
    static final String NOT_READY = "NOT_READY";

    /**
     * A 404 that is not the peer node's own problem document: its HTTP server runs but the node's application is not
     * deployed — Payara Micro answers so while a node starts. That is a transport failure (retried, expedited when
     * the peer answers again), not a peer without the batch binding, whose application answers 404 with a problem.
     */
    static boolean notDeployed(int status, String contentType) {
        return status == 404 && !contentType.startsWith("application/problem+json");
    }

    private static String notReadyMessage(NodeId hop) {
        return hop + " answered HTTP 404 without a problem document: its node application is not deployed (starting?)";
    }

    private void sendByHttp(OutboxItem item, NodeId hop, String baseUrl, byte[] wire, long t0) {
        HttpResponse<byte[]> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(stripSlash(baseUrl) + "/api/exchange/packages"))
                    .timeout(settings.httpTimeout()).header("Content-Type", MEDIA_TYPE).header("Accept", MEDIA_TYPE
                            + ", application/problem+json").POST(HttpRequest.BodyPublishers.ofByteArray(wire)).build();
            long th = System.nanoTime();
            try {
                response = client().send(request, HttpResponse.BodyHandlers.ofByteArray());
            } finally {
                stats.since(ExchangeStats.Stage.HTTP, th);
            }
        } catch (HttpTimeoutException e) {
            retry(item, hop, "TIMEOUT", "no answer from " + hop + " within " + settings.httpTimeout().toSeconds()
                    + " s", wire.length, t0);
            return;
        } catch (ConnectException e) {
            retry(item, hop, "UNREACHABLE", hop + " at " + baseUrl + " refused the connection", wire.length, t0);
            return;
        } catch (IOException e) {
            retry(item, hop, "TRANSPORT", "HTTP exchange with " + hop + " failed: " + e, wire.length, t0);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            retry(item, hop, "INTERRUPTED", "send interrupted (node stopping)", wire.length, t0);
            return;
        } catch (IllegalArgumentException e) {
            outbox.failed(item, hop.value(), "BAD_PEER_URL", "peer URL '" + baseUrl + "' is invalid: "
                    + e.getMessage(), false, logEntry(item, hop, wire.length, "BAD_PEER_URL", t0));
            return;
        }
        int status = response.statusCode();
        String ct = response.headers().firstValue("Content-Type").orElse("");
        if ((status == 200 || status == 422) && ct.startsWith(MEDIA_TYPE)) {
            onReceipt(item, hop, response.body(), wire.length, t0);
        } else if (notDeployed(status, ct)) {
            retry(item, hop, NOT_READY, notReadyMessage(hop), wire.length, t0);
        } else if (status == 413) {
            outbox.failed(item, hop.value(), RejectionCode.PKG_TOO_LARGE.name(), hop + " refused the package as too"
                    + " large (" + wire.length + " bytes)", false, logEntry(item, hop, wire.length, "PKG_TOO_LARGE", t0));
        } else {
            String body = new String(response.body(), StandardCharsets.UTF_8);
            retry(item, hop, "HTTP_" + status, hop + " answered HTTP " + status + ": " + Outbox.truncate(body),
                    wire.length, t0);
        }
    }

    private void onReceipt(OutboxItem item, NodeId hop, byte[] receiptWire, int size, long t0) {
        ReceiptView r;
        try {
            r = checkReceipt(receiptWire, hop);
        } catch (PackageRejectedException e) {
            retry(item, hop, "RECEIPT_INVALID", "receipt from " + hop + " refused: " + e.code() + " " + e.getMessage(),
                    size, t0);
            return;
        }
        answered(hop);
        if (r.refPackageId() == null || !r.refPackageId().equals(item.id())) {
            retry(item, hop, "RECEIPT_INVALID", "receipt from " + hop + " refers to another package", size, t0);
            return;
        }
        if (r.outcome() == Outcome.REJECTED) {
            boolean retryable = r.code().retryable();
            outbox.failed(item, hop.value(), r.code().name(), hop + " rejected the package: " + r.reason(),
                    retryable, logEntry(item, hop, size, r.code().name(), t0));
            return;
        }
        if (r.refDigest() != null && !r.refDigest().equals(item.digest())) {
            retry(item, hop, "RECEIPT_INVALID", "receipt from " + hop + " acknowledges different content", size, t0);
            return;
        }
        int ms = Inbox.millisSince(t0);
        outbox.acknowledged(item, hop.value(), r.outcome().name(), ms, logEntry(item, hop, size, r.outcome().name(), t0));
    }

    /** Verifies a receipt (signature, trust, addressed to me, from the expected hop). */
    ReceiptView checkReceipt(byte[] receiptWire, NodeId expectedFrom) throws PackageRejectedException {
        long tv = System.nanoTime();
        long cv = ExchangeStats.cpu();
        VerifiedPackage v;
        try {
            v = inbox.verifier().verify(receiptWire);
        } finally {
            stats.since(ExchangeStats.Stage.VERIFY, tv, cv);
        }
        if (!"receipt".equals(v.envelope().type()) || !v.forThisNode()) {
            throw new PackageRejectedException(RejectionCode.PKG_MALFORMED, "not a receipt for this node",
                    v.envelope());
        }
        if (expectedFrom != null && !v.envelope().sender().equals(expectedFrom)) {
            throw new PackageRejectedException(RejectionCode.CERT_SENDER_MISMATCH, "receipt signed by "
                    + v.envelope().sender() + ", expected " + expectedFrom, v.envelope());
        }
        try {
            return cn.cityops.exchange.pkg.Receipts.read(v.pkg());
        } catch (cn.cityops.exchange.pkg.MalformedPackageException e) {
            throw new PackageRejectedException(e.code(), "unreadable receipt: " + e.getMessage(), v.envelope());
        }
    }

    private void retry(OutboxItem item, NodeId hop, String code, String error, int size, long t0) {
        noteTransport(hop, code);
        String status = outbox.failed(item, hop.value(), code, error, true, logEntry(item, hop, size, code, t0));
        LOG.fine(() -> node.tag() + " EXC-041 " + item.id() + " to " + hop + ": " + code + " → " + status);
        if ("FAILED".equals(status)) {
            LOG.warning(node.tag() + " EXC-042 package " + item.id() + " (" + item.type() + " to " + item.receiver()
                    + ") FAILED after " + item.attempts() + " attempts: " + error);
        }
    }

    /** Remembers a hop that could not be reached, so that its backlog goes out as soon as it answers again. */
    private void noteTransport(NodeId hop, String code) {
        if (Outbox.isTransportFailure(code)) {
            unreachable.add(hop.value());
        }
    }

    /**
     * A signed receipt came back from {@code hop}. If it had been unreachable, the packages waiting for it in backoff
     * are due now: after an outage the backlog flows at once instead of at each package's own retry time (up to
     * {@code backoff-max-seconds} later).
     */
    private void answered(NodeId hop) {
        if (!unreachable.isEmpty() && unreachable.remove(hop.value())) {
            int n = outbox.expedite(hop.value());
            if (n > 0) {
                LOG.info(node.tag() + " EXC-045 " + hop + " answers again: " + n + " package(s) waiting for it are"
                        + " due now");
            }
        }
    }

    private void sendByFerry(OutboxItem item, NodeId hop, byte[] wire, long t0) {
        Optional<Path> out = settings.ferryOutgoing();
        if (out.isEmpty()) {
            outbox.failed(item, hop.value(), "FERRY_NOT_CONFIGURED", hop + " is reached by file ferry but "
                    + ExchangeSettings.PREFIX + "ferry.outgoing is not set", true, null);
            return;
        }
        try {
            writeAtomically(out.get().resolve(hop.value()), item.id() + ".pkg.json", wire);
        } catch (IOException e) {
            retry(item, hop, "FERRY_IO", "cannot write to the ferry: " + e, wire.length, t0);
            return;
        }
        outbox.waitingForReceipt(item, hop.value(), logEntry(item, hop, wire.length, "SENT_BY_FERRY", t0));
    }

    /** Writes {@code dir/name} so a reader never sees a partial file (hidden temp name, then atomic rename). */
    static void writeAtomically(Path dir, String name, byte[] content) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private MessageLog.Entry logEntry(OutboxItem item, NodeId hop, int size, String outcome, long t0) {
        return new MessageLog.Entry("OUT", "PACKAGE", item.id(), item.type(), hop.value(),
                item.forwarded() ? null : node.nodeIdText(), item.receiver(), item.digest(), size, outcome,
                Inbox.millisSince(t0));
    }

    private HttpClient client() {
        HttpClient c = http;
        if (c == null) {
            // TLS (and mutual TLS) follow the JVM's javax.net.ssl.* key and trust store settings
            c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(settings.httpTimeout()).build();
            http = c;
        }
        return c;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
