package cn.cityops.core.exchange;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import cn.cityops.core.config.NodeConfig;
import cn.cityops.exchange.pkg.BatchDocument;
import cn.cityops.exchange.pkg.BatchReceipts;
import cn.cityops.exchange.pkg.Envelope;
import cn.cityops.exchange.pkg.MalformedPackageException;
import cn.cityops.exchange.pkg.PackageTooLargeException;
import cn.cityops.exchange.pkg.Receipts.Outcome;
import cn.cityops.exchange.pkg.RejectionCode;
import cn.cityops.exchange.pkg.SignedPackage;
import cn.cityops.exchange.schema.PackageTypes;
import cn.cityops.exchange.verify.PackageRejectedException;
import cn.cityops.exchange.verify.PackageVerifier;
import cn.cityops.exchange.verify.VerifiedPackage;
import cn.cityops.model.node.NodeId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Receives a package from any transport: verifies it (nothing is stored before every check passed), stores and
 * applies it once, and answers with a signed receipt for the hop it came from. Rejections are recorded and answered
 * with a signed rejection receipt carrying the stable code — or, when not even the envelope could be read, with a
 * problem document naming the code (there is nobody to address a receipt to).
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class.getName());

    @Inject
    NodeConfig node;

    @Inject
    ExchangeSettings settings;

    @Inject
    ExchangeKeys keys;

    @Inject
    NodeDirectory directory;

    @Inject
    InboxStore store;

    @Inject
    ReceiptSigner receipts;

    @Inject
    ExchangeStats stats;

    private volatile PackageVerifier verifier;

    /** The answer to the sending hop. {@code receipt} is empty only for packages whose envelope was unreadable. */
    public record Answer(Outcome outcome, RejectionCode code, String reason, Optional<SignedPackage> receipt) {
    }

    public Answer receive(byte[] wire, String transport) throws Exception {
        long t0 = System.nanoTime();
        if (!keys.enrolled()) {
            throw new ExchangeKeys.NotEnrolled("this node has no federation certificate and cannot accept packages");
        }
        VerifiedPackage v;
        long tv = System.nanoTime();
        long cv = ExchangeStats.cpu();
        try {
            v = verifier().verify(wire);
        } catch (PackageRejectedException e) {
            stats.since(ExchangeStats.Stage.VERIFY, tv, cv);
            return reject(e, wire.length, transport, t0);
        }
        long td = stats.since(ExchangeStats.Stage.VERIFY, tv, cv);
        long cd = ExchangeStats.cpu();
        NodeId hop = directory.nextHop(v.envelope().sender());
        InboxStore.Stored s = store.store(v, hop, transport, millisSince(t0));
        stats.since(ExchangeStats.Stage.DB, td, cd);
        SignedPackage receipt = receipts.sign(hop, v.envelope().id(), v.pkg().digest(), s.outcome(), s.code(),
                s.reason());
        stats.since(ExchangeStats.Stage.SERVE, t0);
        return new Answer(s.outcome(), s.code(), s.reason(), Optional.of(receipt));
    }

    /** A batch document that could not be split into packages, or whose packages name nobody to answer. */
    public static final class UnreadableBatch extends Exception {
        private static final long serialVersionUID = 1L;
        private final RejectionCode code;

        UnreadableBatch(RejectionCode code, String message) {
            super(message);
            this.code = code;
        }

        public RejectionCode code() {
            return code;
        }
    }

    /**
     * Receives a batch (SPEC.md §13.3): every element is verified on its own exactly as a single package is; the
     * verified ones are stored, applied and logged in one transaction with the refusals, and the answer is one signed
     * {@code receipt.batch} with an entry per element in request order. If the batch transaction fails (a handler
     * throws, a deadlock), the batch is stored package by package so that one bad package cannot hold back the
     * others; a package that still fails is answered {@code PROCESSING_FAILED} (nothing of it stored; the sender
     * retries it).
     *
     * @throws UnreadableBatch when the document is not a batch ({@code PKG_MALFORMED}) or no element's envelope could
     *                         be read (there is nobody to address the receipt to)
     * @throws cn.cityops.exchange.pkg.PackageTooLargeException when the batch exceeds the limits
     */
    public SignedPackage receiveBatch(byte[] body, String transport) throws Exception {
        long t0 = System.nanoTime();
        long c0 = ExchangeStats.cpu();
        Instant receivedAt = Instant.now();
        if (!keys.enrolled()) {
            throw new ExchangeKeys.NotEnrolled("this node has no federation certificate and cannot accept packages");
        }
        List<byte[]> elements;
        try {
            elements = BatchDocument.split(body, settings.batchAcceptMax(), settings.batchAcceptMaxBytes());
        } catch (PackageTooLargeException e) {
            throw e;
        } catch (MalformedPackageException e) {
            throw new UnreadableBatch(e.code(), e.getMessage());
        }
        stats.batchReceived(elements.size());
        long tv = System.nanoTime();
        long cv = ExchangeStats.cpu();
        PackageVerifier verifier = verifier();
        List<InboxStore.BatchItem> items = new ArrayList<>(elements.size());
        NodeId hop = null;
        for (int i = 0; i < elements.size(); i++) {
            byte[] el = elements.get(i);
            try {
                VerifiedPackage v = verifier.verify(el);
                NodeId from = directory.nextHop(v.envelope().sender());
                if (hop == null) {
                    hop = from;
                } else if (!hop.equals(from)) {
                    throw new PackageRejectedException(RejectionCode.PKG_WRONG_RECEIVER, "element " + i
                            + " comes from previous hop " + from + ", the batch from " + hop
                            + "; a batch holds the packages of one previous hop", v.envelope());
                }
                items.add(new InboxStore.BatchItem(i, v, null, el.length));
            } catch (PackageRejectedException e) {
                if (hop == null && e.envelope().isPresent()) {
                    hop = directory.nextHop(e.envelope().get().sender());
                }
                PackageRejectedException r = e.envelope().isPresent() ? e : new PackageRejectedException(e.code(),
                        "element " + i + ": " + e.getMessage(), null);
                items.add(new InboxStore.BatchItem(i, null, r, el.length));
            }
        }
        long td = stats.since(ExchangeStats.Stage.VERIFY, tv, cv);
        long cd = ExchangeStats.cpu();
        if (hop == null) {
            // nobody to answer: record each refusal like an unreadable single package, then refuse the batch
            for (InboxStore.BatchItem it : items) {
                try {
                    store.rejected(null, null, null, null, it.rejection().code(), it.rejection().getMessage(),
                            it.size(), transport, millisSince(t0));
                } catch (RuntimeException x) {
                    LOG.warning(node.tag() + " EXC-025 could not record the rejection of element " + it.index()
                            + ": " + x);
                }
            }
            throw new UnreadableBatch(RejectionCode.PKG_MALFORMED, "no package of the batch could be read far enough"
                    + " to know whom to answer; first problem: " + items.get(0).rejection().getMessage());
        }
        List<InboxStore.Stored> results;
        try {
            results = store.storeBatch(items, hop, transport, millisSince(t0));
        } catch (Exception e) {
            stats.batchFallback();
            LOG.warning(node.tag() + " EXC-024 batch of " + items.size() + " from " + hop + " could not be stored in"
                    + " one transaction (" + e + "); storing it package by package");
            results = storeOneByOne(items, hop, transport, t0);
        }
        stats.since(ExchangeStats.Stage.DB, td, cd);
        List<BatchReceipts.Entry> entries = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            InboxStore.BatchItem it = items.get(i);
            InboxStore.Stored s = results.get(i);
            UUID id = it.verified() != null ? it.verified().envelope().id()
                    : it.rejection().envelope().map(Envelope::id).orElse(null);
            String digest = it.verified() != null && s.outcome() != Outcome.REJECTED ? it.verified().pkg().digest()
                    : null;
            String code = s.outcome() != Outcome.REJECTED ? null
                    : s.code() == null ? BatchReceipts.PROCESSING_FAILED : s.code().name();
            if (s.outcome() == Outcome.REJECTED && it.rejection() != null) {
                LOG.info(node.tag() + " EXC-021 package " + (id == null ? "<unreadable, element " + i + ">" : id)
                        + " of a batch from " + hop + " rejected " + code + ": " + s.reason());
            }
            entries.add(new BatchReceipts.Entry(i, id, digest, s.outcome(), code, s.reason()));
        }
        SignedPackage receipt = receipts.signBatch(hop, entries, receivedAt);
        stats.since(ExchangeStats.Stage.SERVE, t0, c0);
        return receipt;
    }

    /** The fallback of a failed batch transaction: every element in its own transaction. */
    private List<InboxStore.Stored> storeOneByOne(List<InboxStore.BatchItem> items, NodeId hop, String transport,
            long t0) {
        List<InboxStore.Stored> out = new ArrayList<>(items.size());
        for (InboxStore.BatchItem it : items) {
            if (it.verified() == null) {
                PackageRejectedException e = it.rejection();
                var env = e.envelope();
                try {
                    store.rejected(env.map(Envelope::id).orElse(null), env.map(en -> en.sender().value())
                            .orElse(null), hop.value(), env.map(Envelope::type).orElse(null), e.code(),
                            e.getMessage(), it.size(), transport, millisSince(t0));
                } catch (RuntimeException x) {
                    LOG.warning(node.tag() + " EXC-025 could not record the rejection of element " + it.index()
                            + ": " + x);
                }
                out.add(new InboxStore.Stored(Outcome.REJECTED, e.code(), e.getMessage()));
                continue;
            }
            try {
                out.add(store.store(it.verified(), hop, transport, millisSince(t0)));
            } catch (Exception x) {
                LOG.warning(node.tag() + " EXC-026 package " + it.verified().envelope().id() + " ("
                        + it.verified().envelope().type() + ") of a batch from " + hop + " could not be stored or"
                        + " applied: " + x);
                out.add(new InboxStore.Stored(Outcome.REJECTED, null, "could not be stored or applied here: "
                        + Outbox.truncate(String.valueOf(x.getMessage())) + "; nothing was stored, send it again"));
            }
        }
        return out;
    }

    private Answer reject(PackageRejectedException e, int size, String transport, long t0) {
        Optional<Envelope> env = e.envelope();
        NodeId hop = env.map(en -> directory.nextHop(en.sender())).orElse(null);
        LOG.info(node.tag() + " EXC-021 package " + env.map(en -> en.id() + " (" + en.type() + " from "
                + en.sender() + ")").orElse("<unreadable>") + " rejected " + e.code() + ": " + e.getMessage());
        store.rejected(env.map(Envelope::id).orElse(null), env.map(en -> en.sender().value()).orElse(null),
                hop == null ? null : hop.value(), env.map(Envelope::type).orElse(null), e.code(), e.getMessage(), size,
                transport, millisSince(t0));
        Optional<SignedPackage> receipt = hop == null ? Optional.empty()
                : Optional.of(receipts.sign(hop, env.get().id(), null, Outcome.REJECTED, e.code(), e.getMessage()));
        return new Answer(Outcome.REJECTED, e.code(), e.getMessage(), receipt);
    }

    /** The verifier for receipts and packages addressed to (or through) this node. */
    public PackageVerifier verifier() {
        PackageVerifier v = verifier;
        if (v == null) {
            v = new PackageVerifier(node.nodeId(), settings.maxPackageBytes(), settings.freshness(),
                    PackageTypes.standard(), keys::trust, directory::knows, directory::onRoute, Clock.systemUTC());
            verifier = v;
        }
        return v;
    }

    static int millisSince(long t0) {
        return (int) ((System.nanoTime() - t0) / 1_000_000);
    }

    /** Reads an id for logs from an unverified receipt reference. */
    static UUID uuidOrNull(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
