package cn.cityops.core.complaint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class StatusTokenTest {

    @Test
    void tokensAreWellFormedAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String t = StatusToken.generate();
            assertTrue(StatusToken.wellFormed(t), t);
            assertTrue(seen.add(t), t);
        }
    }

    @Test
    void onlyTheHashIsKeptAndItIsStable() {
        String t = StatusToken.generate();
        String h = StatusToken.sha256(t);
        assertEquals(64, h.length());
        assertEquals(h, StatusToken.sha256(t));
        assertNotEquals(h, StatusToken.sha256(StatusToken.generate()));
        assertFalse(h.contains(t));
        // sha256("abc")
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", StatusToken.sha256("abc"));
    }

    @Test
    void malformedTokensAreRecognisedBeforeAnyLookup() {
        assertFalse(StatusToken.wellFormed(null));
        assertFalse(StatusToken.wellFormed(""));
        assertFalse(StatusToken.wellFormed("abc"));
        assertFalse(StatusToken.wellFormed("' OR 1=1 --                     "));
        assertFalse(StatusToken.wellFormed(StatusToken.generate() + "x"));
    }
}
