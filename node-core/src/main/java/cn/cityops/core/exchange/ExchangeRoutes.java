package cn.cityops.core.exchange;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The exchange's Camel routes: the outbox poller (claims due packages, groups them per next hop and sends each group
 * — one batch POST, SPEC.md §13.3 — on a bounded pool), the receipt
 * watchdog, the file-ferry reader and the retention job. Packages arriving over HTTP enter through the JAX-RS inbox
 * resource instead; both paths end in the same {@link Inbox}.
 */
public class ExchangeRoutes extends RouteBuilder {

    private final ExchangeSettings settings;
    private final Outbox outbox;
    private final Delivery delivery;
    private final FerryIn ferryIn;
    private final Retention retention;
    private final ExecutorService senders;

    public ExchangeRoutes(ExchangeSettings settings, Outbox outbox, Delivery delivery, FerryIn ferryIn,
            Retention retention, ExecutorService senders) {
        this.settings = settings;
        this.outbox = outbox;
        this.delivery = delivery;
        this.ferryIn = ferryIn;
        this.retention = retention;
        this.senders = senders;
    }

    @Override
    public void configure() {
        from("timer:exchange-outbox?delay=1000&period=" + settings.pollInterval().toMillis())
                .routeId("exchange-outbox")
                .process(e -> e.getIn().setBody(delivery.groups(outbox.claimDue(settings.batchSize()))))
                .split(body()).parallelProcessing().executorService(senders).stopOnException(false)
                    .process(e -> delivery.sendGroup(group(e.getIn().getBody())))
                .end();

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

    @SuppressWarnings("unchecked")
    private static List<OutboxItem> group(Object body) {
        return (List<OutboxItem>) body;
    }

    private static String fileUri(Path dir) {
        // hidden files (the writers' temp names) are skipped by default; processed files move to .done or .failed
        return "file:" + dir.toAbsolutePath() + "?recursive=true&include=RAW(.*\\.(pkg|rcpt)\\.json)"
                + "&delay=200&readLock=none&sortBy=file:modified"
                + "&move=${header.ferryTarget}/${file:onlyname}&maxMessagesPerPoll=500";
    }
}
