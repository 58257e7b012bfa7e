package cn.cityops.core.reporting;

import cn.cityops.core.exchange.PackageHandler;
import cn.cityops.exchange.verify.VerifiedPackage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Applies {@code statistics.report}: a city's case statistics for a period. */
@ApplicationScoped
public class StatisticsReportHandler implements PackageHandler {

    @Inject
    CityReports reports;

    @Override
    public String type() {
        return "statistics.report";
    }

    @Override
    public void apply(VerifiedPackage pkg) {
        reports.receive(pkg, "STATISTICS");
    }
}
