package cn.cityops.core.supervision.notice;

import cn.cityops.core.exchange.PackageHandler;
import cn.cityops.exchange.verify.VerifiedPackage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Applies {@code notice.publish}: the notice lands among this node's received notices. */
@ApplicationScoped
public class NoticePublishHandler implements PackageHandler {

    @Inject
    NoticeService service;

    @Override
    public String type() {
        return "notice.publish";
    }

    @Override
    public void apply(VerifiedPackage pkg) {
        service.receive(pkg);
    }
}
