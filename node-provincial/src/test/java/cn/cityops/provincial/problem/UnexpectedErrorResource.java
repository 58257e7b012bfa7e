package cn.cityops.provincial.problem;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only resource (added to the WAR by UnexpectedErrorIT): server-side failures no mapper expects. */
@Path("test/unexpected")
@PermitAll
public class UnexpectedErrorResource {

    @Inject
    MandatoryTransactionProbe probe;

    /** A @Transactional(MANDATORY) bean called outside a transaction. */
    @GET
    @Path("transactional")
    public String transactional() {
        probe.join();
        return "unreachable";
    }

    /** A plain runtime exception. */
    @GET
    @Path("runtime")
    public String runtime() {
        throw new IllegalStateException("internal detail that must not reach the client");
    }
}
