package cn.cityops.core.complaint;

import java.util.Arrays;
import java.util.Optional;

/** The complainant's rating of the handling (回访): 满意 / 基本满意 / 不满意. Only 不满意 sends the case back. */
public enum Satisfaction {
    SATISFIED("满意"),
    BASICALLY_SATISFIED("基本满意"),
    DISSATISFIED("不满意");

    private final String label;

    Satisfaction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** By name or Chinese label. */
    public static Optional<Satisfaction> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.name().equals(text) || s.label.equals(text)).findFirst();
    }

    public boolean reopens() {
        return this == DISSATISFIED;
    }
}
