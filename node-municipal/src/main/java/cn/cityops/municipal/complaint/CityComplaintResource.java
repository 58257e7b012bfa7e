package cn.cityops.municipal.complaint;

import cn.cityops.core.rest.Paging;
import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The city's 12319 complaints over REST: list, detail with its case, and placing one that has no case yet. */
@Path("complaints")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER, Role.Ids.LEADER})
public class CityComplaintResource {

    @Inject
    CityComplaints complaints;

    @GET
    public Paging.Page<CityComplaints.ComplaintView> list(@QueryParam("status") String status,
            @BeanParam Paging paging) {
        return complaints.list(status, paging);
    }

    @GET
    @Path("{id: [0-9]+}")
    public CityComplaints.ComplaintView detail(@PathParam("id") long id) {
        return complaints.get(id);
    }

    @POST
    @Path("{id: [0-9]+}/case")
    @Consumes(MediaType.APPLICATION_JSON)
    public CityComplaints.ComplaintView place(@PathParam("id") long id, CityComplaints.Placement placement) {
        return complaints.place(id, placement);
    }
}
