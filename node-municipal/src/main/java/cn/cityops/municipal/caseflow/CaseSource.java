package cn.cityops.municipal.caseflow;

import java.util.Arrays;

import cn.cityops.model.validation.InvalidValueException;

/** 案件来源: where a report came from (a statistics breakdown). */
public enum CaseSource {
    INSPECTOR("监督员上报"),
    HOTLINE("热线"),
    PUBLIC_ACCOUNT("公众号"),
    APP("APP"),
    NATIONAL_12319("12319"),
    VIDEO("视频监控"),
    OTHER("其他");

    private final String label;

    CaseSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static CaseSource parse(String text) {
        return Arrays.stream(values()).filter(c -> c.name().equals(text) || c.label.equals(text)).findFirst()
                .orElseThrow(() -> new InvalidValueException("source", text, "must be one of "
                        + Arrays.toString(values())));
    }
}
