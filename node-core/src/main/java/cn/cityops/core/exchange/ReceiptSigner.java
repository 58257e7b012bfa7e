package cn.cityops.core.exchange;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import cn.cityops.core.config.NodeConfig;
import cn.cityops.exchange.pkg.BatchReceipts;
import cn.cityops.exchange.pkg.DataPackage;
import cn.cityops.exchange.pkg.Receipts;
import cn.cityops.exchange.pkg.RejectionCode;
import cn.cityops.exchange.pkg.SignedPackage;
import cn.cityops.model.node.NodeId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Signs this node's receipts (built by {@link Receipts}, SPEC.md §9) with its exchange key. */
@ApplicationScoped
public class ReceiptSigner {

    @Inject
    NodeConfig node;

    @Inject
    ExchangeKeys keys;

    @Inject
    ExchangeStats stats;

    /** A signed receipt for the hop {@code to}; {@code code} only for REJECTED. */
    public SignedPackage sign(NodeId to, UUID refId, String refDigest, Receipts.Outcome outcome, RejectionCode code,
            String reason) {
        Instant now = Instant.now();
        DataPackage receipt = Receipts.create(node.nodeId(), to, refId, refDigest, outcome, code, reason, now, now);
        return signed(receipt);
    }

    /** The one signed answer to a batch (SPEC.md §13.3) for the hop {@code to}: one entry per element, in order. */
    public SignedPackage signBatch(NodeId to, List<BatchReceipts.Entry> entries, Instant receivedAt) {
        return signed(BatchReceipts.create(node.nodeId(), to, entries, receivedAt, Instant.now()));
    }

    private SignedPackage signed(DataPackage receipt) {
        long t0 = System.nanoTime();
        long c0 = ExchangeStats.cpu();
        SignedPackage sp = new SignedPackage(receipt, keys.signer().signDetached(receipt.canonicalBytes()));
        stats.since(ExchangeStats.Stage.SIGN, t0, c0);
        return sp;
    }
}
