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
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

import cn.cityops.core.config.NodeConfig;
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

    private volatile HttpClient http;

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
        String sig = Base64.getEncoder().encodeToString(keys.signer().signDetached(canonical));
        byte[] head = "{\"package\":".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = (",\"signature\":\"" + sig + "\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + canonical.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(canonical, 0, out, head.length, canonical.length);
        System.arraycopy(tail, 0, out, head.length + canonical.length, tail.length);
        return out;
    }

    private void sendByHttp(OutboxItem item, NodeId hop, String baseUrl, byte[] wire, long t0) {
        HttpResponse<byte[]> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(stripSlash(baseUrl) + "/api/exchange/packages"))
                    .timeout(settings.httpTimeout()).header("Content-Type", MEDIA_TYPE).header("Accept", MEDIA_TYPE
                            + ", application/problem+json").POST(HttpRequest.BodyPublishers.ofByteArray(wire)).build();
            response = client().send(request, HttpResponse.BodyHandlers.ofByteArray());
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
        VerifiedPackage v = inbox.verifier().verify(receiptWire);
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
        String status = outbox.failed(item, hop.value(), code, error, true, logEntry(item, hop, size, code, t0));
        LOG.fine(() -> node.tag() + " EXC-041 " + item.id() + " to " + hop + ": " + code + " → " + status);
        if ("FAILED".equals(status)) {
            LOG.warning(node.tag() + " EXC-042 package " + item.id() + " (" + item.type() + " to " + item.receiver()
                    + ") FAILED after " + item.attempts() + " attempts: " + error);
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
