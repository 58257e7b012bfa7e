package cn.cityops.core.calendar;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A date whose working status differs from the weekday rule: a statutory day off (working = false) or a 调休 make-up
 * working day (working = true). Loaded from holiday-cn by migration; administrators amend it through the API.
 */
@Entity
@Table(name = "work_calendar_day")
public class CalendarDay {
    @Id
    private LocalDate day;
    private boolean working;
    private String name;
    private String source;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "updated_by")
    private String updatedBy;

    protected CalendarDay() {
    }

    public CalendarDay(LocalDate day) {
        this.day = day;
    }

    /** Sets the day's status as decided by an administrator. */
    public void amend(boolean working, String name, String by, Instant at) {
        this.working = working;
        this.name = name;
        this.source = "admin";
        this.updatedBy = by;
        this.updatedAt = at;
    }

    public LocalDate day() {
        return day;
    }

    public boolean working() {
        return working;
    }

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
