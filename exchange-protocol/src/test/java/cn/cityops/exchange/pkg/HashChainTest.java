package cn.cityops.exchange.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import cn.cityops.exchange.pkg.HashChain.ChainEntry;

class HashChainTest {

    private static JsonObject entry(int n) {
        return Json.createObjectBuilder()
                .add("seq", n)
                .add("direction", n % 2 == 0 ? "OUT" : "IN")
                .add("peer", "140000")
                .add("packageId", "3f0c8f5e-9a51-4c1b-8d0e-6b7a2f4c9d1" + n)
                .add("type", "task.feedback")
                .add("digest", "sha256:47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU")
                .add("at", "2026-11-21T08:00:0" + n + ".000Z")
                .build();
    }

    private static List<ChainEntry> chain(int size) {
        List<ChainEntry> entries = new ArrayList<>();
        String prev = HashChain.GENESIS;
        for (int i = 0; i < size; i++) {
            ChainEntry e = HashChain.append(prev, entry(i));
            entries.add(e);
            prev = e.hash();
        }
        return entries;
    }

    @Test
    void genesisIs32ZeroBytes() {
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]), HashChain.GENESIS);
    }

    @Test
    void linkIsSha256OfPreviousHashNewlineAndCanonicalEntry() throws Exception {
        JsonObject e = Json.createObjectBuilder().add("b", 2).add("a", "x").build();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update((HashChain.GENESIS + "\n{\"a\":\"x\",\"b\":2}").getBytes(StandardCharsets.UTF_8));
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(md.digest());
        assertEquals(expected, HashChain.link(HashChain.GENESIS, e));
        assertEquals(43, expected.length());
        JsonObject reordered = Json.createObjectBuilder().add("a", "x").add("b", 2).build();
        assertEquals(expected, HashChain.link(HashChain.GENESIS, reordered));
    }

    @Test
    void validChainHasNoBrokenLink() {
        assertEquals(Optional.empty(), HashChain.firstBrokenLink(chain(6)));
        assertEquals(Optional.empty(), HashChain.firstBrokenLink(List.of()));
    }

    @Test
    void tamperedEntryIsFoundAtItsIndex() {
        List<ChainEntry> entries = chain(6);
        ChainEntry original = entries.get(2);
        JsonObject changed = Json.createObjectBuilder(original.entry()).add("type", "task.issue").build();
        entries.set(2, new ChainEntry(original.prevHash(), original.hash(), changed));
        assertEquals(Optional.of(2), HashChain.firstBrokenLink(entries));
    }

    @Test
    void rewrittenEntryBreaksTheNextLink() {
        List<ChainEntry> entries = chain(6);
        ChainEntry original = entries.get(2);
        JsonObject changed = Json.createObjectBuilder(original.entry()).add("peer", "130000").build();
        entries.set(2, HashChain.append(original.prevHash(), changed)); // consistent in itself
        assertEquals(Optional.of(3), HashChain.firstBrokenLink(entries));
    }

    @Test
    void brokenPreviousLinkAndDeletionAreFound() {
        List<ChainEntry> entries = chain(6);
        ChainEntry e4 = entries.get(4);
        entries.set(4, new ChainEntry(HashChain.GENESIS, HashChain.link(HashChain.GENESIS, e4.entry()), e4.entry()));
        assertEquals(Optional.of(4), HashChain.firstBrokenLink(entries));

        List<ChainEntry> deleted = chain(6);
        deleted.remove(1);
        assertEquals(Optional.of(1), HashChain.firstBrokenLink(deleted));

        List<ChainEntry> wrongStart = chain(3);
        assertEquals(Optional.of(0), HashChain.firstBrokenLink("B".repeat(43), wrongStart));
    }

    @Test
    void segmentsVerifyFromTheirAnchor() {
        List<ChainEntry> entries = chain(6);
        assertEquals(Optional.empty(), HashChain.firstBrokenLink(entries.get(2).hash(), entries.subList(3, 6)));
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> HashChain.link("short", entry(1)));
        assertThrows(IllegalArgumentException.class, () -> HashChain.link(HashChain.GENESIS,
                Json.createObjectBuilder().add("x", 0.5).build()));
    }
}
