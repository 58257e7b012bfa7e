package cn.cityops.core.exchange;

import java.time.Instant;
import java.util.UUID;

import cn.cityops.core.config.NodeConfig;
import cn.cityops.exchange.pkg.DataPackage;
import cn.cityops.exchange.pkg.RejectionCode;
import cn.cityops.exchange.pkg.SignedPackage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Builds and signs this node's receipts (SPEC.md §9). */
@ApplicationScoped
public class Receipts {

    @Inject
    NodeConfig node;

    @Inject
    ExchangeKeys keys;

    /** A signed receipt for the hop {@code to}; {@code code} only for REJECTED. */
    public SignedPackage sign(cn.cityops.model.node.NodeId to, UUID refId, String refDigest,
            cn.cityops.exchange.pkg.Receipts.Outcome outcome, RejectionCode code, String reason) {
        Instant now = Instant.now();
        DataPackage receipt = DataPackage.create("receipt", 1, node.nodeId(), to,
                refId == null ? "unknown" : refId.toString(), null,
                cn.cityops.exchange.pkg.Receipts.payload(refId, refDigest, outcome, code, reason, now), now);
        return new SignedPackage(receipt, keys.signer().signDetached(receipt.canonicalBytes()));
    }
}
