package cn.cityops.municipal.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

import cn.cityops.core.audit.AuditLog;
import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.problem.ProblemType;
import cn.cityops.core.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Photos and other attachments (案件附件). Uploads are stored on their own, unlinked; the feature that owns them (a
 * case's report, feedback or check) links them in its own transaction with {@link #link}. Unlinked uploads are
 * removed after {@code cityops.attachments.unlinked-retention-hours} by {@link #purgeUnlinked()}.
 */
@ApplicationScoped
public class Attachments {

    private static final Logger LOG = Logger.getLogger(Attachments.class.getName());
    private static final int MAX_NAME_LENGTH = 200;

    @Inject
    AttachmentRepository repository;

    @Inject
    AttachmentSettings settings;

    @Inject
    AttachmentAccess access;

    @Inject
    AuditLog audit;

    @Inject
    CurrentUser currentUser;

    @Inject
    NodeConfig node;

    /** An attachment's metadata and bytes. */
    public record Download(AttachmentRef ref, byte[] content) {
    }

    /**
     * True when the request's declared Content-Length is so far over the limit (more than twice
     * {@code cityops.attachments.max-bytes}) that the body should not be read at all: answer {@link #tooLarge()}
     * at once and close the connection. Smaller excess is read (and discarded) so every HTTP client sees the 413.
     */
    public boolean refuseUnread(String contentLength) {
        if (contentLength == null) {
            return false;
        }
        try {
            return Long.parseLong(contentLength.trim()) > 2L * settings.maxBytes();
        } catch (NumberFormatException e) {
            return false; // the container rejects malformed lengths itself; the capped reader still applies
        }
    }

    /**
     * Stores an upload: reads at most {@code cityops.attachments.max-bytes} bytes, checks that the content is an
     * accepted image of the declared type, and commits it (with its audit record) on its own, unlinked.
     *
     * @throws ProblemException 415 for a type that is not accepted or content that does not match it, 413 when too
     *     large, 400 when empty
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public AttachmentRef store(String fileName, String declaredMediaType, InputStream body, String by) {
        String declared = ImageSniffer.essence(declaredMediaType);
        if (!ImageSniffer.accepted(declared)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "only "
                    + String.join(", ", ImageSniffer.ACCEPTED) + " are accepted"
                    + (declared == null ? "; send the image's Content-Type" : ", not " + declared));
        }
        CappedReader.Content content;
        try {
            content = CappedReader.read(body, settings.maxBytes());
        } catch (CappedReader.TooLarge e) {
            CappedReader.drain(body, settings.maxBytes()); // let the client finish sending so it reads the 413
            throw tooLarge();
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED, "the request body could not be read");
        }
        if (content.size() == 0) {
            throw ProblemException.invalid("body", null, "the request body is empty: send the image bytes");
        }
        Optional<String> actual = ImageSniffer.sniff(content.bytes());
        if (actual.isEmpty()) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "the content is not a " + declared + " image (nor any accepted image type)");
        }
        if (!actual.get().equals(declared)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "the content is " + actual.get() + ", not the declared " + declared);
        }
        UUID id = UUID.randomUUID();
        AttachmentRef ref = new AttachmentRef(id, fileName(fileName, id, declared), declared, content.size(),
                content.sha256(), Instant.now().truncatedTo(ChronoUnit.MICROS), by, null, null);
        repository.insert(ref, content.bytes(), remoteAddress());
        return ref;
    }

    /**
     * Links uploads to their owner in the caller's transaction. Every id must exist, be unlinked and have been
     * uploaded by {@code by}; otherwise nothing is linked and a 400 problem names each bad entry
     * ({@code attachments[i]}), which also rolls back the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void link(List<UUID> ids, String ownerKind, String ownerId, String by) {
        if (ownerKind == null || ownerKind.isBlank() || ownerId == null || ownerId.isBlank()) {
            throw new IllegalArgumentException("ownerKind and ownerId are required");
        }
        if (ids == null || ids.isEmpty()) {
            return;
        }
        List<Problem.Issue> issues = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            UUID id = ids.get(i);
            String field = "attachments[" + i + "]";
            if (id == null) {
                issues.add(new Problem.Issue(field, null, "must be an attachment id"));
                continue;
            }
            if (!seen.add(id)) {
                issues.add(new Problem.Issue(field, id.toString(), "is listed twice"));
                continue;
            }
            Optional<AttachmentRef> a = repository.lock(id);
            if (a.isEmpty()) {
                issues.add(new Problem.Issue(field, id.toString(), "no such attachment (upload it first)"));
            } else if (a.get().linked()) {
                issues.add(new Problem.Issue(field, id.toString(), "already belongs to another record"));
            } else if (!a.get().uploadedBy().equals(by)) {
                issues.add(new Problem.Issue(field, id.toString(), "was uploaded by another user"));
            }
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (UUID id : ids) {
            repository.link(id, ownerKind, ownerId, now);
        }
        audit.record(by, "attachment.link", ownerKind + "/" + ownerId, ids.size() + " attachment(s): "
                + ids, remoteAddress());
    }

    /** The attachments linked to an owner, in the order they were linked. */
    public List<AttachmentRef> of(String ownerKind, String ownerId) {
        return repository.of(ownerKind, ownerId);
    }

    /** An attachment's metadata, if it exists (no access check: for services). */
    public Optional<AttachmentRef> find(UUID id) {
        return repository.find(id);
    }

    /** Metadata for a user: 404 when unknown, 403 when {@link AttachmentAccess} says no. */
    public AttachmentRef meta(UUID id, CurrentUser user) {
        AttachmentRef a = repository.find(id).orElseThrow(() -> ProblemException.notFound("attachment", id));
        if (!access.mayRead(a, user)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "you may not read this attachment");
        }
        return a;
    }

    /** Metadata and bytes for a user: 404 when unknown, 403 when {@link AttachmentAccess} says no. */
    public Download read(UUID id, CurrentUser user) {
        AttachmentRef a = meta(id, user);
        byte[] bytes = repository.content(id).orElseThrow(() -> ProblemException.notFound("attachment", id));
        return new Download(a, bytes);
    }

    /** Deletes unlinked uploads older than the retention; returns how many. Called hourly by the janitor. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purgeUnlinked() {
        return purgeUnlinkedBefore(Instant.now().minus(settings.unlinkedRetention()));
    }

    /** Deletes unlinked uploads made before {@code before}; returns how many. */
    @Transactional(Transactional.TxType.REQUIRED)
    public int purgeUnlinkedBefore(Instant before) {
        int n = repository.deleteUnlinkedBefore(before);
        if (n > 0) {
            LOG.info(node.tag() + " ATT-010 removed " + n + " unlinked attachment(s) uploaded before " + before);
        }
        return n;
    }

    /** Largest accepted upload in bytes. */
    public int maxBytes() {
        return settings.maxBytes();
    }

    /** The 413 problem for a body over the limit. */
    public ProblemException tooLarge() {
        return new ProblemException(new Problem(ProblemType.PAYLOAD_TOO_LARGE, "an attachment may have at most "
                + settings.maxBytes() + " bytes", List.of(), Map.of("maxBytes", settings.maxBytes())));
    }

    /** A safe display name: the last path segment, no control characters, bounded; generated when absent. */
    static String fileName(String requested, UUID id, String mediaType) {
        String name = requested == null ? "" : requested;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return id.toString().substring(0, 8) + "." + ImageSniffer.extension(mediaType);
        }
        if (name.length() <= MAX_NAME_LENGTH) {
            return name;
        }
        int start = name.length() - MAX_NAME_LENGTH; // keep the end: it carries the extension
        return name.substring(Character.isLowSurrogate(name.charAt(start)) ? start + 1 : start);
    }

    private String remoteAddress() {
        try {
            return currentUser.remoteAddress();
        } catch (RuntimeException e) {
            return null; // not in a request (a job)
        }
    }
}
