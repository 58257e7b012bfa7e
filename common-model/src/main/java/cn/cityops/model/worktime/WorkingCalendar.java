package cn.cityops.model.worktime;

import java.time.LocalDate;

/** Tells which dates are working days (工作日), taking statutory holidays and 调休 make-up days into account. */
@FunctionalInterface
public interface WorkingCalendar {

    /** True if {@code day} is a working day. */
    boolean isWorkingDay(LocalDate day);
}
