package cn.cityops.municipal.complaint;

import cn.cityops.core.exchange.PackageHandler;
import cn.cityops.exchange.verify.VerifiedPackage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Applies {@code complaint.forward}: a 12319 complaint for this city, opened as a case where it can be. */
@ApplicationScoped
public class ComplaintForwardHandler implements PackageHandler {

    @Inject
    CityComplaints complaints;

    @Override
    public String type() {
        return "complaint.forward";
    }

    @Override
    public void apply(VerifiedPackage pkg) {
        complaints.receive(pkg);
    }
}
