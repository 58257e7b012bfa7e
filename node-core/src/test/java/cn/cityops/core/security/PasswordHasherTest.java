package cn.cityops.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void hashVerifiesOnlyItsOwnPasswordAndKeepsItsCost() {
        String stored = PasswordHasher.hash("Passw0rd-test".toCharArray());
        assertTrue(stored.startsWith("pbkdf2-sha256$" + PasswordHasher.ITERATIONS + "$"), stored);
        assertEquals(PasswordHasher.RECOMMENDED_ITERATIONS, PasswordHasher.ITERATIONS, "no configuration here");
        assertTrue(PasswordHasher.verify("Passw0rd-test".toCharArray(), stored));
        assertFalse(PasswordHasher.verify("passw0rd-test".toCharArray(), stored));
        assertFalse(PasswordHasher.verify("Passw0rd-test".toCharArray(), "md5$x"));
        assertFalse(PasswordHasher.needsRehash(stored));
    }

    @Test
    void cheaperOrForeignHashesAreRehashedButDearerOnesAreKept() {
        assertTrue(PasswordHasher.needsRehash("pbkdf2-sha256$1000$c2FsdA$aGFzaA"));
        assertFalse(PasswordHasher.needsRehash("pbkdf2-sha256$1200000$c2FsdA$aGFzaA"));
        assertTrue(PasswordHasher.needsRehash("bcrypt$10$x$y"));
        assertTrue(PasswordHasher.needsRehash(null));
    }
}
