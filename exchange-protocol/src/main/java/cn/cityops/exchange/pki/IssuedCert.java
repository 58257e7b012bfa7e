package cn.cityops.exchange.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** One line of the CA register ({@code index.tsv}): a certificate the federation root issued, and its status. */
public record IssuedCert(BigInteger serial, NodeIdentity identity, Instant notBefore, Instant notAfter,
        Optional<Revocation> revocation) {

    /** When and why a certificate was revoked; {@code reason} is an RFC 5280 CRLReason code. */
    public record Revocation(Instant revokedAt, int reason) {
        public Revocation {
            Objects.requireNonNull(revokedAt, "revokedAt");
            CrlReasons.name(reason);
        }

        /** The reason's RFC name, e.g. {@code keyCompromise}. */
        public String reasonName() {
            return CrlReasons.name(reason);
        }
    }

    public IssuedCert {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(revocation, "revocation");
    }

    /** True once revoked. */
    public boolean revoked() {
        return revocation.isPresent();
    }

    /** True if not revoked and {@code at} lies in the validity period. */
    public boolean validAt(Instant at) {
        return !revoked() && !at.isBefore(notBefore) && !at.isAfter(notAfter);
    }

    /** Serial as upper-case hex with an even number of digits (the file name in {@code issued/}). */
    public String serialHex() {
        return hex(serial);
    }

    static String hex(BigInteger serial) {
        String hex = serial.toString(16).toUpperCase(Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }
}
