package cn.cityops.core.reporting;

import cn.cityops.core.exchange.PackageHandler;
import cn.cityops.exchange.verify.VerifiedPackage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Applies {@code basicdata.report}: a city's grid and component counts. */
@ApplicationScoped
public class BasicDataReportHandler implements PackageHandler {

    @Inject
    CityReports reports;

    @Override
    public String type() {
        return "basicdata.report";
    }

    @Override
    public void apply(VerifiedPackage pkg) {
        reports.receive(pkg, "BASICDATA");
    }
}
