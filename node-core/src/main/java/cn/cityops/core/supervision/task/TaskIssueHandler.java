package cn.cityops.core.supervision.task;

import cn.cityops.core.exchange.PackageHandler;
import cn.cityops.exchange.verify.VerifiedPackage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Applies {@code task.issue}: the task lands in this node's inbox of received tasks. */
@ApplicationScoped
public class TaskIssueHandler implements PackageHandler {

    @Inject
    TaskService service;

    @Override
    public String type() {
        return "task.issue";
    }

    @Override
    public void apply(VerifiedPackage pkg) {
        service.receive(pkg, false);
    }
}
