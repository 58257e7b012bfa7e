package cn.cityops.core.supervision;

import java.util.List;

import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The nodes an issuer may address with a task or notice, from the node directory (the console's target picker; the
 * full directory stays with the administrators).
 */
@Path("supervision/addressees")
@Produces(MediaType.APPLICATION_JSON)
public class AddresseeResource {

    @Inject
    Addressees addressees;

    /** One node that may be addressed: id, name, level and the province it belongs to. */
    public record Candidate(String nodeId, String name, String level, String province) {
    }

    @GET
    @RolesAllowed({Role.Ids.MINISTRY_SUPERVISOR, Role.Ids.PROVINCE_SUPERVISOR, Role.Ids.LEADER})
    public List<Candidate> list() {
        return addressees.candidates().stream().map(a -> new Candidate(a.id().value(), a.name(),
                a.id().level().name(), a.province().value())).toList();
    }
}
