package cn.cityops.municipal.space;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One row of the case routing table: cases of {@code matterClass} (null = any matter) in the area whose code starts
 * with {@code areaCode} (6/9/12/15-digit district/street/community/grid code; null = the whole city) go to
 * {@code departmentId}.
 */
public record RoutingRule(long id, String matterClass, String areaCode, String departmentId, String note) {

    /** Whether the rule applies to a matter class and unit grid code. */
    public boolean matches(String matter, String grid) {
        return (matterClass == null || matterClass.equals(matter)) && (areaCode == null || grid.startsWith(areaCode));
    }

    /** Most specific first: the longer area prefix, then a rule naming the matter over a wildcard, then lower id. */
    public static final Comparator<RoutingRule> PRECEDENCE = Comparator
            .comparingInt((RoutingRule r) -> r.areaCode() == null ? 0 : r.areaCode().length()).reversed()
            .thenComparing(r -> r.matterClass() == null ? 1 : 0)
            .thenComparingLong(RoutingRule::id);

    /** The rule that decides for this matter and grid, if any. */
    public static Optional<RoutingRule> choose(List<RoutingRule> rules, String matter, String grid) {
        return rules.stream().filter(r -> r.matches(matter, grid)).min(PRECEDENCE);
    }
}
