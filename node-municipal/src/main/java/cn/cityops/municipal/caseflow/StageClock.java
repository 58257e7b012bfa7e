package cn.cityops.municipal.caseflow;

import java.time.Duration;
import java.time.Instant;

import cn.cityops.model.worktime.TimeLimit;
import cn.cityops.model.worktime.WorkingTimeCalculator;

/**
 * A running time limit: started at {@code start}, due at {@code deadline}, counted in working time (工作时/工作日) or
 * wall-clock time (小时/分钟); paused while a case is suspended (挂账), after which the deadline moves by the time
 * spent paused. Immutable.
 */
public record StageClock(Instant start, Instant deadline, boolean workingTime, Instant pausedAt) {

    /** Traffic light: green below 80 % of the limit used, yellow from 80 % to 100 %, red when overdue. */
    public enum Light { GREEN, YELLOW, RED }

    public static StageClock start(Instant now, TimeLimit limit, WorkingTimeCalculator calc) {
        return new StageClock(now, calc.deadline(now, limit), limit.unit().isWorkingTime(), null);
    }

    /** A clock running through several limits one after the other (the overall limit of a case). */
    public static StageClock chain(Instant now, Iterable<TimeLimit> limits, WorkingTimeCalculator calc) {
        Instant d = now;
        boolean working = false;
        for (TimeLimit l : limits) {
            d = calc.deadline(d, l);
            working |= l.unit().isWorkingTime();
        }
        return new StageClock(now, d, working, null);
    }

    public boolean paused() {
        return pausedAt != null;
    }

    public StageClock pause(Instant now) {
        return paused() ? this : new StageClock(start, deadline, workingTime, now);
    }

    /** Resumes; the deadline moves by the (working or wall-clock) time spent paused. */
    public StageClock resume(Instant now, WorkingTimeCalculator calc) {
        if (!paused()) {
            return this;
        }
        Instant moved = workingTime ? calc.addWorkingTime(deadline, calc.elapsedWorkingTime(pausedAt, now))
                : deadline.plus(Duration.between(pausedAt, now));
        return new StageClock(start, moved, workingTime, null);
    }

    /** Lengthens the limit (an approved 延期). */
    public StageClock extend(TimeLimit extension, WorkingTimeCalculator calc) {
        return new StageClock(start, calc.deadline(deadline, extension), workingTime, pausedAt);
    }

    /** The instant the clock reads: now, or the moment it was paused. */
    private Instant reading(Instant now) {
        return paused() && pausedAt.isBefore(now) ? pausedAt : now;
    }

    public boolean overdue(Instant now) {
        return reading(now).isAfter(deadline);
    }

    /** Time left (working or wall-clock, as the limit counts); negative once overdue, by how much. */
    public Duration remaining(Instant now, WorkingTimeCalculator calc) {
        Instant at = reading(now);
        if (!workingTime) {
            return Duration.between(at, deadline);
        }
        return at.isAfter(deadline) ? calc.elapsedWorkingTime(deadline, at).negated()
                : calc.elapsedWorkingTime(at, deadline);
    }

    /** Share of the limit used so far: 0 at the start, 1 at the deadline, above 1 when overdue. */
    public double used(Instant now, WorkingTimeCalculator calc) {
        Instant at = reading(now);
        Duration total = workingTime ? calc.elapsedWorkingTime(start, deadline) : Duration.between(start, deadline);
        Duration spent = workingTime ? calc.elapsedWorkingTime(start, at) : Duration.between(start, at);
        if (total.isZero() || total.isNegative()) {
            return at.isAfter(deadline) ? 2.0 : 0.0;
        }
        if (at.isAfter(deadline) && spent.compareTo(total) <= 0) {
            return 1.0 + 1e-9; // overdue outside office hours: no working time passed yet, but past the deadline
        }
        return (double) spent.toMillis() / total.toMillis();
    }

    public Light light(Instant now, WorkingTimeCalculator calc) {
        if (overdue(now)) {
            return Light.RED;
        }
        return used(now, calc) < 0.8 ? Light.GREEN : Light.YELLOW;
    }
}
