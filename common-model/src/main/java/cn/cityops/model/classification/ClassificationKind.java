package cn.cityops.model.classification;

import cn.cityops.model.validation.InvalidValueException;

/** The two dictionaries of GB/T 47678.5-2026, which share 5-digit class codes. */
public enum ClassificationKind {
    /** 管理部件: physical facilities (Annex A). */
    COMPONENT("管理部件"),
    /** 管理事项: component anomalies and event-type matters (Annex C). */
    MATTER("管理事项");

    /** Field name used in {@link InvalidValueException}s. */
    public static final String FIELD = "classificationKind";

    private final String label;

    ClassificationKind(String label) {
        this.label = label;
    }

    /** Chinese label, 管理部件 or 管理事项. */
    public String label() {
        return label;
    }

    /**
     * Parses {@code COMPONENT} or {@code MATTER} case-insensitively (ASCII letters only, nothing trimmed).
     *
     * @throws InvalidValueException (field {@value #FIELD}) for null or unknown names
     */
    public static ClassificationKind fromName(String name) {
        if (name != null && name.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
            for (ClassificationKind kind : values()) {
                if (kind.name().equalsIgnoreCase(name)) {
                    return kind;
                }
            }
        }
        throw new InvalidValueException(FIELD, name, "unknown classification kind "
                + InvalidValueException.quote(name) + ", expected COMPONENT or MATTER");
    }
}
