package cn.cityops.municipal.attachment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import cn.cityops.core.audit.AuditLog;
import cn.cityops.core.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The attachment tables ({@code city_attachment}, {@code city_attachment_content}) over plain JDBC. */
@ApplicationScoped
class AttachmentRepository {

    private static final String COLUMNS = "id, file_name, media_type, size_bytes, sha256, uploaded_at, uploaded_by,"
            + " owner_kind, owner_id";

    @Inject
    Jdbc jdbc;

    @Inject
    AuditLog audit;

    /** Stores a new upload and its audit record, committed on its own (an upload does not depend on a case). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void insert(AttachmentRef a, byte[] content, String remoteAddr) {
        jdbc.update("INSERT INTO city_attachment(id, file_name, media_type, size_bytes, sha256, uploaded_by,"
                + " uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)", a.id(), a.fileName(), a.mediaType(), a.sizeBytes(),
                a.sha256(), a.uploadedBy(), a.uploadedAt());
        jdbc.update("INSERT INTO city_attachment_content(id, content) VALUES (?, ?)", a.id(), content);
        audit.record(a.uploadedBy(), "attachment.upload", a.id().toString(), a.fileName() + " " + a.mediaType() + " "
                + a.sizeBytes() + " bytes sha256 " + a.sha256(), remoteAddr);
    }

    Optional<AttachmentRef> find(UUID id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM city_attachment WHERE id = ?", AttachmentRepository::ref, id);
    }

    /** Locks the row for the rest of the caller's transaction. */
    Optional<AttachmentRef> lock(UUID id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM city_attachment WHERE id = ? FOR UPDATE",
                AttachmentRepository::ref, id);
    }

    Optional<byte[]> content(UUID id) {
        return jdbc.one("SELECT content FROM city_attachment_content WHERE id = ?", rs -> rs.getBytes(1), id);
    }

    boolean link(UUID id, String ownerKind, String ownerId, Instant at) {
        return jdbc.update("UPDATE city_attachment SET owner_kind = ?, owner_id = ?, linked_at = ?"
                + " WHERE id = ? AND owner_kind IS NULL", ownerKind, ownerId, at, id) == 1;
    }

    List<AttachmentRef> of(String ownerKind, String ownerId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM city_attachment WHERE owner_kind = ? AND owner_id = ?"
                + " ORDER BY linked_at, uploaded_at, id", AttachmentRepository::ref, ownerKind, ownerId);
    }

    /** Deletes unlinked uploads older than {@code before} (their bytes go with them: ON DELETE CASCADE). */
    int deleteUnlinkedBefore(Instant before) {
        return jdbc.update("DELETE FROM city_attachment WHERE owner_kind IS NULL AND uploaded_at < ?", before);
    }

    private static AttachmentRef ref(ResultSet rs) throws SQLException {
        return new AttachmentRef(rs.getObject("id", UUID.class), rs.getString("file_name"),
                rs.getString("media_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                Jdbc.instant(rs, "uploaded_at"), rs.getString("uploaded_by"), rs.getString("owner_kind"),
                rs.getString("owner_id"));
    }
}
