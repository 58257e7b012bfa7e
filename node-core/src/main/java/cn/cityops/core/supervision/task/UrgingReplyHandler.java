package cn.cityops.core.supervision.task;

import cn.cityops.core.exchange.PackageHandler;
import cn.cityops.exchange.verify.VerifiedPackage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Applies {@code urging.reply} from the node an urging of this node was addressed to. */
@ApplicationScoped
public class UrgingReplyHandler implements PackageHandler {

    @Inject
    UrgingService service;

    @Override
    public String type() {
        return "urging.reply";
    }

    @Override
    public void apply(VerifiedPackage pkg) {
        service.receiveReply(pkg);
    }
}
