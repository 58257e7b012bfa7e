package cn.cityops.core.exchange;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The exchange's Camel routes: the outbox poller (claims due packages, groups them per next hop and sends each group
 * — one batch POST, SPEC.md §13.3 — on a bounded pool, claiming again whenever a sender thread is free), the receipt
 * watchdog, the file-ferry reader and the retention job. Packages arriving over HTTP enter through the JAX-RS inbox
 * resource instead; both paths end in the same {@link Inbox}.
 */
public class ExchangeRoutes extends RouteBuilder {

    private static final Logger LOG = Logger.getLogger(ExchangeRoutes.class.getName());

    private final ExchangeSettings settings;
    private final Outbox outbox;
    private final Delivery delivery;
    private final FerryIn ferryIn;
    private final Retention retention;
    private final ExecutorService senders;
    /** One permit per sender thread not busy with a group. */
    private final Semaphore idle;

    public ExchangeRoutes(ExchangeSettings settings, Outbox outbox, Delivery delivery, FerryIn ferryIn,
            Retention retention, ExecutorService senders) {
        this.settings = settings;
        this.outbox = outbox;
        this.delivery = delivery;
        this.ferryIn = ferryIn;
        this.retention = retention;
        this.senders = senders;
        this.idle = new Semaphore(Math.max(1, settings.senders()));
    }

    @Override
    public void configure() {
        from("timer:exchange-outbox?delay=1000&period=" + settings.pollInterval().toMillis())
                .routeId("exchange-outbox")
                .process(e -> drain());

        Duration sendingTimeout = settings.httpTimeout().multipliedBy(2).plusSeconds(10);
        long watchdogMs = Math.max(1000, Math.min(settings.receiptTimeout().toMillis(), sendingTimeout.toMillis()) / 4);
        from("timer:exchange-receipts?delay=5000&period=" + watchdogMs)
                .routeId("exchange-receipt-watchdog")
                .process(e -> outbox.requeueUnanswered(settings.receiptTimeout(), sendingTimeout));

        from("timer:exchange-retention?delay=60000&period=3600000")
                .routeId("exchange-retention")
                .process(e -> retention.run());

        settings.ferryIncoming().ifPresent(dir -> from(fileUri(dir))
                .routeId("exchange-ferry-in")
                .process(e -> e.getIn().setHeader("ferryTarget", ferryIn.accept(
                        e.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class), e.getIn().getBody(byte[].class)))));
    }

    /**
     * Sends due packages until none is left: claims as soon as a sender thread is free — its share of
     * {@code batch-size}, grouped per next hop for the free threads — so the threads never wait for each other's
     * batches (a backlog flows as a pipeline: one thread signs while another waits for its receipt). Returns when
     * nothing is due and every send it started has finished; while delivery is paused it claims nothing.
     */
    void drain() throws InterruptedException {
        delivery.polled();
        int threads = Math.max(1, settings.senders());
        try {
            while (!delivery.paused()) {
                idle.acquire();
                int free = 1 + idle.drainPermits();
                List<OutboxItem> items;
                try {
                    items = outbox.claimDue(Math.max(1, settings.batchSize() * free / threads));
                } finally {
                    idle.release(free);
                }
                if (items.isEmpty()) {
                    break;
                }
                for (List<OutboxItem> group : delivery.groups(items, free)) {
                    idle.acquire();
                    try {
                        senders.execute(() -> send(group));
                    } catch (RejectedExecutionException e) { // node stopping: the packages stay SENDING, resent later
                        idle.release();
                        return;
                    }
                }
            }
        } finally {
            idle.acquire(threads); // every send started here has finished
            idle.release(threads);
        }
    }

    private void send(List<OutboxItem> group) {
        try {
            delivery.sendGroup(group);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "EXC-046 sending " + group.size() + " package(s) failed unexpectedly; they are"
                    + " sent again after the sending timeout", e);
        } finally {
            idle.release();
        }
    }

    private static String fileUri(Path dir) {
        // hidden files (the writers' temp names) are skipped by default; processed files move to .done or .failed
        return "file:" + dir.toAbsolutePath() + "?recursive=true&include=RAW(.*\\.(pkg|rcpt)\\.json)"
                + "&delay=200&readLock=none&sortBy=file:modified"
                + "&move=${header.ferryTarget}/${file:onlyname}&maxMessagesPerPoll=500";
    }
}
