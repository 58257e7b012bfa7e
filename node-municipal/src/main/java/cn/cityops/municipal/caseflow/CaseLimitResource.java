package cn.cityops.municipal.caseflow;

import cn.cityops.core.security.CurrentUser;
import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** 时限标准: stage limits per case class and the matters' 立案条件 / 处置时限 / 结案条件 (edited by the 系统管理员). */
@Path("case-limits")
@Produces(MediaType.APPLICATION_JSON)
public class CaseLimitResource {

    @Inject
    CaseLimits limits;

    @Inject
    CurrentUser user;

    public record LimitInput(String limit) {
    }

    @GET
    @RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER,
        Role.Ids.DEPARTMENT, Role.Ids.LEADER, Role.Ids.SYSTEM_ADMIN})
    public CaseLimits.Table table() {
        return limits.table();
    }

    @PUT
    @Path("stages/{stage}/{caseClass}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Ids.SYSTEM_ADMIN)
    public CaseLimits.StageLimit stage(@PathParam("stage") String stage, @PathParam("caseClass") String caseClass,
            LimitInput in) {
        return limits.setStage(stage, caseClass, in == null ? null : in.limit(), user.username(),
                user.remoteAddress());
    }

    @PUT
    @Path("matters/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Ids.SYSTEM_ADMIN)
    public CaseLimits.MatterStandard matter(@PathParam("code") String code, CaseLimits.MatterStandard in) {
        return limits.setMatter(code, in, user.username(), user.remoteAddress());
    }
}
