package cn.cityops.model.worktime;

/** Unit of a {@link TimeLimit}: working time over the working calendar, or plain wall-clock time. */
public enum LimitUnit {
    /** 工作时: hours of office time on working days. */
    WORKING_HOURS("工作时", "working-hours"),
    /** 工作日: working days, each worth the daily office duration. */
    WORKING_DAYS("工作日", "working-days"),
    /** 小时: wall-clock hours, calendar ignored. */
    HOURS("小时", "hours"),
    /** 分钟: wall-clock minutes, calendar ignored. */
    MINUTES("分钟", "minutes");

    private final String label;
    private final String englishName;

    LimitUnit(String label, String englishName) {
        this.label = label;
        this.englishName = englishName;
    }

    /** Chinese label, for example 工作时. */
    public String label() {
        return label;
    }

    /** English form used by {@link TimeLimit#parse(String)}, for example {@code working-hours}. */
    public String englishName() {
        return englishName;
    }

    /** True for units counted only inside office hours of working days. */
    public boolean isWorkingTime() {
        return this == WORKING_HOURS || this == WORKING_DAYS;
    }
}
