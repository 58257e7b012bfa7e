package cn.cityops.core.supervision.task;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import cn.cityops.core.persistence.Jdbc;

/**
 * A task row: issued by this node (ISSUED: DRAFT → PUBLISHED) or received from above (RECEIVED: RECEIVED →
 * ACKNOWLEDGED → IN_PROGRESS → COMPLETED). A relay is an ISSUED task with {@code relayOf} naming the received task.
 */
public record Task(long id, String issuerNode, String taskId, String direction, String status, String kind,
        String title, String content, String requirements, String documentNo, String priority,
        String issuerDepartment, String issuerPerson, Instant issuedAt, Instant deadline, String timeLimit,
        String feedbackCycle, String refs, String targets, Long relayOf, String originNode, String originTaskId,
        Instant originDeadline, String assignee, Instant assignedAt, Integer percent, Instant completedAt,
        String createdBy, Instant createdAt) {

    public static final String ISSUED = "ISSUED";
    public static final String RECEIVED = "RECEIVED";

    public boolean issued() {
        return ISSUED.equals(direction);
    }

    public boolean received() {
        return RECEIVED.equals(direction);
    }

    static Task map(ResultSet rs) throws SQLException {
        int pct = rs.getInt("percent");
        Integer percent = rs.wasNull() ? null : pct;
        return new Task(rs.getLong("id"), rs.getString("issuer_node"), rs.getString("task_id"),
                rs.getString("direction"), rs.getString("status"), rs.getString("kind"), rs.getString("title"),
                rs.getString("content"), rs.getString("requirements"), rs.getString("document_no"),
                rs.getString("priority"), rs.getString("issuer_department"), rs.getString("issuer_person"),
                Jdbc.instant(rs, "issued_at"), Jdbc.instant(rs, "deadline"), rs.getString("time_limit"),
                rs.getString("feedback_cycle"), rs.getString("refs"), rs.getString("targets"),
                Jdbc.longOrNull(rs, "relay_of"), rs.getString("origin_node"), rs.getString("origin_task_id"),
                Jdbc.instant(rs, "origin_deadline"), rs.getString("assignee"), Jdbc.instant(rs, "assigned_at"),
                percent, Jdbc.instant(rs, "completed_at"), rs.getString("created_by"),
                Jdbc.instant(rs, "created_at"));
    }
}
