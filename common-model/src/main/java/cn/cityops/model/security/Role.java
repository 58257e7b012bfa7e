package cn.cityops.model.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import cn.cityops.model.node.NodeLevel;

/**
 * The roles of the platform. {@link #id()} is the stable name used in JWT {@code groups} and {@code @RolesAllowed};
 * {@link #label()} is the zh-CN name shown to users. Each role exists only on the levels that have that job.
 */
public enum Role {
    SYSTEM_ADMIN(Ids.SYSTEM_ADMIN, "系统管理员", EnumSet.allOf(NodeLevel.class)),
    SECURITY_ADMIN(Ids.SECURITY_ADMIN, "安全管理员", EnumSet.allOf(NodeLevel.class)),
    AUDIT_ADMIN(Ids.AUDIT_ADMIN, "审计管理员", EnumSet.allOf(NodeLevel.class)),
    LEADER(Ids.LEADER, "领导", EnumSet.allOf(NodeLevel.class)),
    MINISTRY_SUPERVISOR(Ids.MINISTRY_SUPERVISOR, "部级督查员", EnumSet.of(NodeLevel.NATIONAL)),
    PROVINCE_SUPERVISOR(Ids.PROVINCE_SUPERVISOR, "省级督查员", EnumSet.of(NodeLevel.PROVINCIAL)),
    CITY_TASK_HANDLER(Ids.CITY_TASK_HANDLER, "任务办理员", EnumSet.of(NodeLevel.MUNICIPAL)),
    INSPECTOR(Ids.INSPECTOR, "监督员", EnumSet.of(NodeLevel.MUNICIPAL)),
    INTAKE_OPERATOR(Ids.INTAKE_OPERATOR, "受理员", EnumSet.of(NodeLevel.MUNICIPAL)),
    SHIFT_LEAD(Ids.SHIFT_LEAD, "值班长", EnumSet.of(NodeLevel.MUNICIPAL)),
    DISPATCHER(Ids.DISPATCHER, "派遣员", EnumSet.of(NodeLevel.MUNICIPAL)),
    DEPARTMENT(Ids.DEPARTMENT, "专业部门", EnumSet.of(NodeLevel.MUNICIPAL));

    private final String id;
    private final String label;
    private final Set<NodeLevel> levels;

    Role(String id, String label, Set<NodeLevel> levels) {
        this.id = id;
        this.label = label;
        this.levels = levels;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public boolean existsOn(NodeLevel level) {
        return levels.contains(level);
    }

    public static Optional<Role> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    /** Role ids as compile-time constants, for {@code @RolesAllowed}. */
    public static final class Ids {
        /** Carried by every token this node issues: "any signed-in user of this node". */
        public static final String AUTHENTICATED = "authenticated";
        public static final String SYSTEM_ADMIN = "sys-admin";
        public static final String SECURITY_ADMIN = "security-admin";
        public static final String AUDIT_ADMIN = "audit-admin";
        public static final String LEADER = "leader";
        public static final String MINISTRY_SUPERVISOR = "ministry-supervisor";
        public static final String PROVINCE_SUPERVISOR = "province-supervisor";
        public static final String CITY_TASK_HANDLER = "city-task-handler";
        public static final String INSPECTOR = "inspector";
        public static final String INTAKE_OPERATOR = "intake-operator";
        public static final String SHIFT_LEAD = "shift-lead";
        public static final String DISPATCHER = "dispatcher";
        public static final String DEPARTMENT = "department";

        private Ids() {
        }
    }
}
