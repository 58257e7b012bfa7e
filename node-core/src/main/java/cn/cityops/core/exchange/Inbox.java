package cn.cityops.core.exchange;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import cn.cityops.core.config.NodeConfig;
import cn.cityops.exchange.pkg.Envelope;
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
        try {
            v = verifier().verify(wire);
        } catch (PackageRejectedException e) {
            return reject(e, wire.length, transport, t0);
        }
        NodeId hop = directory.nextHop(v.envelope().sender());
        InboxStore.Stored s = store.store(v, hop, transport, millisSince(t0));
        return new Answer(s.outcome(), s.code(), s.reason(), Optional.of(s.receipt()));
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
