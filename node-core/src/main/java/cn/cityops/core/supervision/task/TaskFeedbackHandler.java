package cn.cityops.core.supervision.task;

import cn.cityops.core.exchange.PackageHandler;
import cn.cityops.exchange.verify.VerifiedPackage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Applies {@code task.feedback} from a target of a task issued here (and rolls a relay up to its origin). */
@ApplicationScoped
public class TaskFeedbackHandler implements PackageHandler {

    @Inject
    TaskService service;

    @Override
    public String type() {
        return "task.feedback";
    }

    @Override
    public void apply(VerifiedPackage pkg) {
        service.receiveFeedback(pkg);
    }
}
