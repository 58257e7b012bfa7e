package cn.cityops.core.exchange;

import java.util.concurrent.atomic.AtomicLong;

import cn.cityops.exchange.verify.VerifiedPackage;
import jakarta.enterprise.context.ApplicationScoped;

/** Connectivity checks: a {@code ping} is stored, counted and receipted; nothing else happens. */
@ApplicationScoped
public class PingHandler implements PackageHandler {

    private final AtomicLong received = new AtomicLong();

    @Override
    public String type() {
        return "ping";
    }

    @Override
    public void apply(VerifiedPackage pkg) {
        received.incrementAndGet();
    }

    public long received() {
        return received.get();
    }
}
