package cn.cityops.exchange.pkg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;

/**
 * The message log hash chain (SPEC.md §14):
 * {@code hash = base64url(SHA-256(ASCII(prevHash) || "\n" || canonical(entry)))}, no padding, 43 characters. The
 * first entry of a log links to {@link #GENESIS}, 43 {@code 'A'} characters (the base64url form of 32 zero
 * bytes).
 */
public final class HashChain {

    /** Previous hash of the first entry of a log. */
    public static final String GENESIS = "A".repeat(43);

    private static final Pattern HASH_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private HashChain() {
    }

    /**
     * One stored log entry.
     *
     * @param prevHash the hash of the entry before (or {@link #GENESIS})
     * @param hash     this entry's hash, {@link HashChain#link(String, JsonObject) link(prevHash, entry)}
     * @param entry    the logged fields (all numbers integers, as for packages)
     */
    public record ChainEntry(String prevHash, String hash, JsonObject entry) {
    }

    /**
     * The hash of an entry linked to the previous hash.
     *
     * @throws IllegalArgumentException if {@code previousHash} is not 43 base64url characters or the entry breaks
     *                                  the canonical profile
     */
    public static String link(String previousHash, JsonObject entry) {
        Objects.requireNonNull(entry, "entry");
        if (previousHash == null || !HASH_SHAPE.matcher(previousHash).matches()) {
            throw new IllegalArgumentException("previousHash must be 43 base64url characters");
        }
        byte[] canonical;
        try {
            canonical = CanonicalJson.bytes(entry);
        } catch (MalformedPackageException e) {
            throw new IllegalArgumentException("entry: " + e.getMessage(), e);
        }
        MessageDigest md = CanonicalJson.newSha256();
        md.update(previousHash.getBytes(StandardCharsets.US_ASCII));
        md.update((byte) '\n');
        md.update(canonical);
        return CanonicalJson.base64Url(md.digest());
    }

    /** Builds the entry that follows {@code previousHash}. */
    public static ChainEntry append(String previousHash, JsonObject entry) {
        return new ChainEntry(previousHash, link(previousHash, entry), entry);
    }

    /**
     * Index of the first entry whose link is broken in a log that starts at {@link #GENESIS}; empty if the whole
     * chain verifies.
     */
    public static Optional<Integer> firstBrokenLink(List<ChainEntry> entries) {
        return firstBrokenLink(GENESIS, entries);
    }

    /**
     * Index of the first broken entry of a log segment whose first entry must link to {@code anchor} (the hash of
     * the last entry before the segment, or {@link #GENESIS}). An entry is broken when its {@code prevHash} is not
     * the previous entry's {@code hash}, or its {@code hash} is not {@code link(prevHash, entry)}.
     */
    public static Optional<Integer> firstBrokenLink(String anchor, List<ChainEntry> entries) {
        String expectedPrev = Objects.requireNonNull(anchor, "anchor");
        for (int i = 0; i < entries.size(); i++) {
            ChainEntry e = entries.get(i);
            if (e == null || e.entry() == null || !expectedPrev.equals(e.prevHash())) {
                return Optional.of(i);
            }
            String actual;
            try {
                actual = link(e.prevHash(), e.entry());
            } catch (IllegalArgumentException ex) {
                return Optional.of(i);
            }
            if (!actual.equals(e.hash())) {
                return Optional.of(i);
            }
            expectedPrev = e.hash();
        }
        return Optional.empty();
    }
}
