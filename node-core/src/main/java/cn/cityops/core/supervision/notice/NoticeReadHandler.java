package cn.cityops.core.supervision.notice;

import cn.cityops.core.exchange.PackageHandler;
import cn.cityops.exchange.verify.VerifiedPackage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Applies {@code notice.read}: a read receipt for a notice this node published. */
@ApplicationScoped
public class NoticeReadHandler implements PackageHandler {

    @Inject
    NoticeService service;

    @Override
    public String type() {
        return "notice.read";
    }

    @Override
    public void apply(VerifiedPackage pkg) {
        service.receiveRead(pkg);
    }
}
