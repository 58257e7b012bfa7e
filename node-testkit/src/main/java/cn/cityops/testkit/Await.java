package cn.cityops.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes (tests never sleep for a fixed time). */
public final class Await {

    private Await() {
    }

    public static <T> T until(String what, Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> ok) {
        Instant end = Instant.now().plus(timeout);
        T last = null;
        while (Instant.now().isBefore(end)) {
            last = probe.get();
            if (ok.test(last)) {
                return last;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last: " + last);
    }
}
