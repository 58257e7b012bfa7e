package cn.cityops.core.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.cityops.core.audit.AuditLog;
import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.security.CurrentUser;
import cn.cityops.model.worktime.OverrideCalendar;
import cn.cityops.model.worktime.WorkingCalendar;
import cn.cityops.model.worktime.WorkingTimeCalculator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The node's working calendar, read from {@code work_calendar_day}. Kept in memory (a few hundred rows) and reloaded
 * after an amendment on this instance or at most {@link #TTL} after one on another instance.
 */
@ApplicationScoped
public class WorkingCalendarService {

    static final Duration TTL = Duration.ofMinutes(1);

    @PersistenceContext(unitName = "cityops")
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    CurrentUser current;

    @Inject
    NodeConfig node;

    private volatile Snapshot snapshot;

    private record Snapshot(WorkingCalendar calendar, Map<LocalDate, CalendarDay> days, Instant loadedAt) {
    }

    /** How a date counts, and why. */
    public enum DayKind { WORKDAY, WEEKEND, HOLIDAY, MAKEUP_WORKDAY }

    public record DayStatus(LocalDate date, boolean working, DayKind kind, String name, String source) {
    }

    public WorkingCalendar calendar() {
        return load().calendar();
    }

    public WorkingTimeCalculator calculator() {
        return new WorkingTimeCalculator(calendar(), node.officeHours(), node.zone());
    }

    public DayStatus status(LocalDate date) {
        CalendarDay d = load().days().get(date);
        boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        if (d == null) {
            return new DayStatus(date, !weekend, weekend ? DayKind.WEEKEND : DayKind.WORKDAY, null, null);
        }
        DayKind kind = d.working() ? (weekend ? DayKind.MAKEUP_WORKDAY : DayKind.WORKDAY)
                : (weekend ? DayKind.WEEKEND : DayKind.HOLIDAY);
        return new DayStatus(date, d.working(), kind, d.name(), d.source());
    }

    public List<CalendarDay> overrides(int year) {
        return em.createQuery("SELECT d FROM CalendarDay d WHERE d.day BETWEEN :from AND :to ORDER BY d.day",
                        CalendarDay.class)
                .setParameter("from", LocalDate.of(year, 1, 1)).setParameter("to", LocalDate.of(year, 12, 31))
                .getResultList();
    }

    /** Records that a date is a working day or a day off (adding next year's holidays needs no release). */
    @Transactional
    public CalendarDay amend(LocalDate date, boolean working, String name) {
        CalendarDay day = Optional.ofNullable(em.find(CalendarDay.class, date)).orElseGet(() -> {
            CalendarDay d = new CalendarDay(date);
            em.persist(d);
            return d;
        });
        day.amend(working, name, current.username(), Instant.now());
        audit.record(current.username(), "CALENDAR_AMENDED", "day:" + date,
                (working ? "working" : "off") + (name == null ? "" : " " + name), current.remoteAddress());
        snapshot = null;
        return day;
    }

    /** Removes an override so the date follows the weekday rule again. Returns false when there was none. */
    @Transactional
    public boolean reset(LocalDate date) {
        CalendarDay day = em.find(CalendarDay.class, date);
        if (day == null) {
            return false;
        }
        em.remove(day);
        audit.record(current.username(), "CALENDAR_RESET", "day:" + date, null, current.remoteAddress());
        snapshot = null;
        return true;
    }

    private Snapshot load() {
        Snapshot s = snapshot;
        if (s == null || s.loadedAt().plus(TTL).isBefore(Instant.now())) {
            Map<LocalDate, CalendarDay> days = new HashMap<>();
            Map<LocalDate, Boolean> overrides = new HashMap<>();
            for (CalendarDay d : em.createQuery("SELECT d FROM CalendarDay d", CalendarDay.class).getResultList()) {
                days.put(d.day(), d);
                overrides.put(d.day(), d.working());
            }
            s = new Snapshot(new OverrideCalendar(overrides), Map.copyOf(days), Instant.now());
            snapshot = s;
        }
        return s;
    }
}
