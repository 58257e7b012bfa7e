package cn.cityops.municipal.org;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import cn.cityops.core.audit.AuditLog;
import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.security.UserAccount;
import cn.cityops.core.security.UserRepository;
import cn.cityops.model.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The city's 专业部门 and their members (a user with role {@code department} belongs to one department). */
@ApplicationScoped
public class Departments {

    static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]{0,39}";
    static final String USCC_PATTERN = "[0-9A-HJ-NPQRTUWXY]{18}";

    @Inject
    Jdbc jdbc;

    @Inject
    AuditLog audit;

    @Inject
    UserRepository users;

    /** A department with all its attributes and members. */
    public record Department(String id, String name, String uscc, String phone, boolean active, List<String> members) {
    }

    /** Create/update request. */
    public record DepartmentInput(String id, String name, String uscc, String phone, Boolean active) {
    }

    public Optional<DepartmentRef> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.one("SELECT id, name FROM city_department WHERE id = ?", Departments::ref, id);
    }

    public Optional<DepartmentRef> ofUser(String username) {
        return jdbc.one("SELECT d.id, d.name FROM city_department d JOIN city_department_member m"
                + " ON m.department_id = d.id WHERE m.username = ?", Departments::ref, username);
    }

    public List<DepartmentRef> all() {
        return jdbc.query("SELECT id, name FROM city_department ORDER BY id", Departments::ref);
    }

    public List<Department> list() {
        List<Department> out = new ArrayList<>();
        for (Department d : jdbc.query("SELECT id, name, uscc, phone, active FROM city_department ORDER BY id",
                rs -> new Department(rs.getString("id"), rs.getString("name"), rs.getString("uscc"),
                        rs.getString("phone"), rs.getBoolean("active"), List.of()))) {
            out.add(withMembers(d));
        }
        return out;
    }

    public Optional<Department> get(String id) {
        return jdbc.one("SELECT id, name, uscc, phone, active FROM city_department WHERE id = ?",
                rs -> new Department(rs.getString("id"), rs.getString("name"), rs.getString("uscc"),
                        rs.getString("phone"), rs.getBoolean("active"), List.of()), id).map(this::withMembers);
    }

    private Department withMembers(Department d) {
        List<String> members = jdbc.query("SELECT username FROM city_department_member WHERE department_id = ?"
                + " ORDER BY username", rs -> rs.getString(1), d.id());
        return new Department(d.id(), d.name(), d.uscc(), d.phone(), d.active(), members);
    }

    @Transactional
    public Department create(DepartmentInput in, String by, String from) {
        check(in, in == null ? null : in.id());
        if (find(in.id()).isPresent()) {
            throw ProblemException.conflict("department '" + in.id() + "' already exists", java.util.Map.of());
        }
        jdbc.update("INSERT INTO city_department(id, name, uscc, phone, active) VALUES (?, ?, ?, ?, ?)", in.id(),
                in.name().trim(), blankToNull(in.uscc()), blankToNull(in.phone()),
                in.active() == null || in.active());
        audit.record(by, "department.create", in.id(), in.name(), from);
        return get(in.id()).orElseThrow();
    }

    @Transactional
    public Department update(String id, DepartmentInput in, String by, String from) {
        check(in, id);
        if (in.id() != null && !in.id().equals(id)) {
            throw ProblemException.invalid("id", in.id(), "must equal the id in the path (" + id + ")");
        }
        int n = jdbc.update("UPDATE city_department SET name = ?, uscc = ?, phone = ?, active = ? WHERE id = ?",
                in.name().trim(), blankToNull(in.uscc()), blankToNull(in.phone()), in.active() == null || in.active(),
                id);
        if (n == 0) {
            throw ProblemException.notFound("department", id);
        }
        audit.record(by, "department.update", id, in.name(), from);
        return get(id).orElseThrow();
    }

    /** Replaces the members of a department; a user listed here leaves any other department. */
    @Transactional
    public Department setMembers(String id, List<String> usernames, String by, String from) {
        if (find(id).isEmpty()) {
            throw ProblemException.notFound("department", id);
        }
        if (usernames == null) {
            throw ProblemException.invalid("body", null, "a JSON array of user names is required");
        }
        Set<String> names = new LinkedHashSet<>(usernames);
        List<Problem.Issue> issues = new ArrayList<>();
        int i = 0;
        for (String u : usernames) {
            String field = "[" + i++ + "]";
            if (u == null) {
                issues.add(new Problem.Issue(field, null, "user name is required"));
                continue;
            }
            Optional<UserAccount> account = users.findByUsername(u);
            if (account.isEmpty()) {
                issues.add(new Problem.Issue(field, u, "no such user"));
            } else if (!account.get().roleIds().contains(Role.Ids.DEPARTMENT)) {
                issues.add(new Problem.Issue(field, u, "user does not have the role '" + Role.Ids.DEPARTMENT + "'"));
            }
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        jdbc.update("DELETE FROM city_department_member WHERE department_id = ?", id);
        for (String u : names) {
            jdbc.update("INSERT INTO city_department_member(username, department_id) VALUES (?, ?)"
                    + " ON CONFLICT (username) DO UPDATE SET department_id = EXCLUDED.department_id", u, id);
        }
        audit.record(by, "department.members", id, names.size() + " members: " + String.join(",", names), from);
        return get(id).orElseThrow();
    }

    private static void check(DepartmentInput in, String id) {
        if (in == null) {
            throw ProblemException.invalid("body", null, "a JSON object is required");
        }
        List<Problem.Issue> issues = new ArrayList<>();
        if (id == null || !id.matches(ID_PATTERN)) {
            issues.add(new Problem.Issue("id", id, "1 to 40 letters, digits, '_' or '-', starting with a letter or"
                    + " digit"));
        }
        if (in.name() == null || in.name().isBlank() || in.name().length() > 100) {
            issues.add(new Problem.Issue("name", in.name(), "1 to 100 characters"));
        }
        if (blankToNull(in.uscc()) != null && !in.uscc().matches(USCC_PATTERN)) {
            issues.add(new Problem.Issue("uscc", in.uscc(), "统一社会信用代码 must be 18 characters (digits and"
                    + " upper-case letters except I, O, Z, S, V)"));
        }
        if (in.phone() != null && in.phone().length() > 40) {
            issues.add(new Problem.Issue("phone", in.phone(), "at most 40 characters"));
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static DepartmentRef ref(ResultSet rs) throws SQLException {
        return new DepartmentRef(rs.getString("id"), rs.getString("name"));
    }
}
