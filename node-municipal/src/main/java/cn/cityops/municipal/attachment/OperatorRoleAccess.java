package cn.cityops.municipal.attachment;

import java.util.Set;

import cn.cityops.core.security.CurrentUser;
import cn.cityops.model.security.Role;
import jakarta.enterprise.context.ApplicationScoped;

/** Default {@link AttachmentAccess}: the uploader, or anyone holding one of the municipal operator roles. */
@ApplicationScoped
public class OperatorRoleAccess implements AttachmentAccess {

    /** The roles that may upload, and (by default) read any attachment. */
    public static final Set<String> OPERATOR_ROLES = Set.of(Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR,
            Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER, Role.Ids.DEPARTMENT, Role.Ids.LEADER, Role.Ids.SYSTEM_ADMIN);

    @Override
    public boolean mayRead(AttachmentRef a, CurrentUser u) {
        return a.uploadedBy().equals(u.username()) || u.roles().stream().anyMatch(OPERATOR_ROLES::contains);
    }
}
