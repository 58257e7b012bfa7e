package cn.cityops.exchange.verify;

import java.time.Instant;

import cn.cityops.exchange.pkg.DataPackage;
import cn.cityops.exchange.pkg.Envelope;
import cn.cityops.exchange.pkg.SignedPackage;
import cn.cityops.exchange.pki.NodeIdentity;

/**
 * A package that passed every check: the signed original (forwarded unchanged when it is not for this node), its
 * signer and signing time, and whether this node is the final receiver.
 */
public record VerifiedPackage(SignedPackage signed, byte[] wire, NodeIdentity signer, Instant signingTime,
        boolean forThisNode) {

    public DataPackage pkg() {
        return signed.pkg();
    }

    public Envelope envelope() {
        return signed.pkg().envelope();
    }
}
