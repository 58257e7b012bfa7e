package cn.cityops.core.exchange;

import java.util.UUID;

/** An outgoing package claimed for a send attempt. */
public record OutboxItem(UUID id, String type, String receiver, String correlationId, Long sequence, String origin,
        byte[] packageBytes, String digest, int sizeBytes, int attempts) {

    public boolean forwarded() {
        return "FORWARD".equals(origin);
    }
}
