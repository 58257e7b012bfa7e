package cn.cityops.core.exchange;

import java.io.IOException;
import java.util.logging.Logger;

import cn.cityops.core.config.NodeConfig;
import cn.cityops.exchange.pkg.Receipts.ReceiptView;
import cn.cityops.exchange.pkg.SignedPackage;
import cn.cityops.exchange.verify.PackageRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reads files that came through the one-way gateway: packages ({@code *.pkg.json}) go through the same inbox as HTTP
 * and their receipts are written back to the outgoing ferry directory for the hop; receipts ({@code *.rcpt.json})
 * complete the outbox entries that were waiting for them.
 */
@ApplicationScoped
public class FerryIn {

    private static final Logger LOG = Logger.getLogger(FerryIn.class.getName());

    /** Where a processed file goes, relative to the incoming directory. */
    public static final String DONE = ".done";
    public static final String FAILED = ".failed";

    @Inject
    NodeConfig node;

    @Inject
    ExchangeSettings settings;

    @Inject
    Inbox inbox;

    @Inject
    Delivery delivery;

    @Inject
    Outbox outbox;

    /** Handles one file; returns {@link #DONE} or {@link #FAILED}. Exceptions leave the file for the next poll. */
    public String accept(String fileName, byte[] content) throws Exception {
        if (fileName.endsWith(".rcpt.json")) {
            return receipt(fileName, content);
        }
        Inbox.Answer answer = inbox.receive(content, "FERRY");
        if (answer.receipt().isPresent()) {
            SignedPackage r = answer.receipt().get();
            var out = settings.ferryOutgoing().orElseThrow(() -> new IOException(ExchangeSettings.PREFIX
                    + "ferry.outgoing is not set; cannot return the receipt"));
            Delivery.writeAtomically(out.resolve(r.pkg().envelope().receiver().value()),
                    r.pkg().envelope().id() + ".rcpt.json", r.toWire());
        }
        return answer.code() == null ? DONE : FAILED;
    }

    private String receipt(String fileName, byte[] content) {
        try {
            long t0 = System.nanoTime();
            var v = inbox.verifier().verify(content);
            ReceiptView r = delivery.checkReceipt(content, v.envelope().sender());
            String hop = v.envelope().sender().value();
            outbox.receiptArrived(r.refPackageId(), hop, r.outcome().name(),
                    r.code() == null ? null : r.code().name(), r.reason(),
                    new MessageLog.Entry("IN", "RECEIPT", r.refPackageId(), "receipt", hop, hop,
                            node.nodeIdText(), v.pkg().digest(), content.length,
                            r.code() == null ? r.outcome().name() : r.code().name(), Inbox.millisSince(t0)));
            return DONE;
        } catch (PackageRejectedException e) {
            LOG.warning(node.tag() + " EXC-051 ferry receipt " + fileName + " refused: " + e.code() + " "
                    + e.getMessage());
            return FAILED;
        }
    }
}
