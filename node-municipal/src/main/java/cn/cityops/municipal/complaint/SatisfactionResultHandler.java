package cn.cityops.municipal.complaint;

import cn.cityops.core.exchange.PackageHandler;
import cn.cityops.exchange.verify.VerifiedPackage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Applies {@code satisfaction.result}: the complainant's rating; 不满意 reopens the case. */
@ApplicationScoped
public class SatisfactionResultHandler implements PackageHandler {

    @Inject
    CityComplaints complaints;

    @Override
    public String type() {
        return "satisfaction.result";
    }

    @Override
    public void apply(VerifiedPackage pkg) {
        complaints.receiveSatisfaction(pkg);
    }
}
