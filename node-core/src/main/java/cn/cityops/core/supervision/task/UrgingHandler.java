package cn.cityops.core.supervision.task;

import cn.cityops.core.exchange.PackageHandler;
import cn.cityops.exchange.verify.VerifiedPackage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Applies {@code urging}: an urging addressed to this node, linked to the received task it is about. */
@ApplicationScoped
public class UrgingHandler implements PackageHandler {

    @Inject
    UrgingService service;

    @Override
    public String type() {
        return "urging";
    }

    @Override
    public void apply(VerifiedPackage pkg) {
        service.receive(pkg);
    }
}
