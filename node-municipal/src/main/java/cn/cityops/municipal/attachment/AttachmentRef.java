package cn.cityops.municipal.attachment;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored attachment's metadata (never its bytes).
 *
 * @param ownerKind what it is linked to, e.g. {@code case-report}; null while unlinked
 * @param ownerId the owner's id; null while unlinked
 */
public record AttachmentRef(UUID id, String fileName, String mediaType, long sizeBytes, String sha256,
        Instant uploadedAt, String uploadedBy, String ownerKind, String ownerId) {

    public boolean linked() {
        return ownerKind != null;
    }
}
