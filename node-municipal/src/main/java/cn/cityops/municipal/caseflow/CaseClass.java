package cn.cityops.municipal.caseflow;

import java.util.Arrays;

import cn.cityops.model.validation.InvalidValueException;

/** 案件类别: changes the time limits (and, for 突发, the escalation). */
public enum CaseClass {
    GENERAL("一般"),
    DIFFICULT("疑难"),
    URGENT("突发");

    private final String label;

    CaseClass(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Accepts the constant name or the Chinese label; {@code null} means 一般. */
    public static CaseClass parse(String text) {
        if (text == null || text.isBlank()) {
            return GENERAL;
        }
        return Arrays.stream(values()).filter(c -> c.name().equals(text) || c.label.equals(text)).findFirst()
                .orElseThrow(() -> new InvalidValueException("caseClass", text, "must be GENERAL (一般), DIFFICULT (疑难)"
                        + " or URGENT (突发)"));
    }
}
