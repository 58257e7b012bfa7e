package cn.cityops.core.bootstrap;

import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/** Answers 503 problem+json for every API call until the node is fully started. */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class ServingGate implements ContainerRequestFilter {

    @Inject
    NodeState state;

    @Override
    public void filter(ContainerRequestContext ctx) {
        if (!state.serving()) {
            NodeState.Snapshot s = state.snapshot();
            ctx.abortWith(Problem.of(ProblemType.SERVICE_UNAVAILABLE,
                    "node is not ready (" + s.phase() + ": " + s.detail() + ")")
                    .toResponse(ctx.getUriInfo().getRequestUri().getPath()));
        }
    }
}
