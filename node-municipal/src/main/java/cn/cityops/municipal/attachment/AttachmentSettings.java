package cn.cityops.municipal.attachment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import cn.cityops.core.config.ConfigCheck;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/** Attachment settings ({@code cityops.attachments.*}), each documented in docs/configuration.md. */
@ApplicationScoped
public class AttachmentSettings implements ConfigCheck {

    static final String PREFIX = "cityops.attachments.";
    public static final String MAX_BYTES = PREFIX + "max-bytes";
    public static final String UNLINKED_RETENTION_HOURS = PREFIX + "unlinked-retention-hours";

    static final int DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
    /** Bodies are held in memory while stored: keep the limit sane. */
    static final int LIMIT_MAX_BYTES = 100 * 1024 * 1024;

    @Inject
    Config config;

    private int maxBytes;
    private Duration unlinkedRetention;
    private final List<String> problems = new ArrayList<>();

    @PostConstruct
    void read() {
        maxBytes = intValue(MAX_BYTES, DEFAULT_MAX_BYTES);
        if (maxBytes > LIMIT_MAX_BYTES) {
            problems.add(MAX_BYTES + " must be at most " + LIMIT_MAX_BYTES);
            maxBytes = DEFAULT_MAX_BYTES;
        }
        unlinkedRetention = Duration.ofHours(intValue(UNLINKED_RETENTION_HOURS, 24));
    }

    private int intValue(String key, int def) {
        try {
            int v = config.getOptionalValue(key, String.class).filter(s -> !s.isBlank()).map(String::trim)
                    .map(Integer::parseInt).orElse(def);
            if (v <= 0) {
                problems.add(key + " must be positive");
                return def;
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(key + " must be an integer");
            return def;
        }
    }

    /** Largest accepted attachment in bytes. */
    public int maxBytes() {
        return maxBytes;
    }

    /** Uploads not linked to an owner within this time are deleted. */
    public Duration unlinkedRetention() {
        return unlinkedRetention;
    }

    @Override
    public List<String> problems() {
        return List.copyOf(problems);
    }
}

