package cn.cityops.core.supervision.task;

import cn.cityops.core.exchange.PackageHandler;
import cn.cityops.exchange.verify.VerifiedPackage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Applies {@code task.relay}: a task relayed by this city's province lands in its inbox. */
@ApplicationScoped
public class TaskRelayHandler implements PackageHandler {

    @Inject
    TaskService service;

    @Override
    public String type() {
        return "task.relay";
    }

    @Override
    public void apply(VerifiedPackage pkg) {
        service.receive(pkg, true);
    }
}
