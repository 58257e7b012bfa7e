package cn.cityops.core.complaint;

import cn.cityops.core.exchange.PackageHandler;
import cn.cityops.exchange.verify.VerifiedPackage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Applies {@code complaint.result} at the national node: the city's result of a forwarded 12319 complaint. */
@ApplicationScoped
public class ComplaintResultHandler implements PackageHandler {

    @Inject
    ComplaintService service;

    @Override
    public String type() {
        return "complaint.result";
    }

    @Override
    public void apply(VerifiedPackage pkg) {
        service.receiveResult(pkg);
    }
}
