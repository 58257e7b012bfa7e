package cn.cityops.core.emergency;

import cn.cityops.core.exchange.PackageHandler;
import cn.cityops.exchange.verify.VerifiedPackage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Applies {@code emergency.report}: a city's emergency or an update of it. */
@ApplicationScoped
public class EmergencyReportHandler implements PackageHandler {

    @Inject
    EmergencyService service;

    @Override
    public String type() {
        return "emergency.report";
    }

    @Override
    public void apply(VerifiedPackage pkg) {
        service.receive(pkg);
    }
}
