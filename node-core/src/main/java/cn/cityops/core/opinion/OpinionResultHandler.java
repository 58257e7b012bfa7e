package cn.cityops.core.opinion;

import cn.cityops.core.exchange.PackageHandler;
import cn.cityops.exchange.verify.VerifiedPackage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Applies {@code opinion.result}: a city's handling result of an item this node issued. */
@ApplicationScoped
public class OpinionResultHandler implements PackageHandler {

    @Inject
    OpinionService service;

    @Override
    public String type() {
        return "opinion.result";
    }

    @Override
    public void apply(VerifiedPackage pkg) {
        service.receiveResult(pkg);
    }
}
