package cn.cityops.core.opinion;

import cn.cityops.core.exchange.PackageHandler;
import cn.cityops.exchange.verify.VerifiedPackage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Applies {@code opinion.item}: a public-opinion item for this city. */
@ApplicationScoped
public class OpinionItemHandler implements PackageHandler {

    @Inject
    OpinionService service;

    @Override
    public String type() {
        return "opinion.item";
    }

    @Override
    public void apply(VerifiedPackage pkg) {
        service.receive(pkg);
    }
}
