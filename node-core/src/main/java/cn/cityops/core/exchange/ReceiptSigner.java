package cn.cityops.core.exchange;

import java.time.Instant;
import java.util.UUID;

import cn.cityops.core.config.NodeConfig;
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

    /** A signed receipt for the hop {@code to}; {@code code} only for REJECTED. */
    public SignedPackage sign(NodeId to, UUID refId, String refDigest, Receipts.Outcome outcome, RejectionCode code,
            String reason) {
        Instant now = Instant.now();
        DataPackage receipt = Receipts.create(node.nodeId(), to, refId, refDigest, outcome, code, reason, now, now);
        return new SignedPackage(receipt, keys.signer().signDetached(receipt.canonicalBytes()));
    }
}
