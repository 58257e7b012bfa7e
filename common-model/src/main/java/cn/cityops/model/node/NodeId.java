package cn.cityops.model.node;

import cn.cityops.model.division.DivisionCode;
import cn.cityops.model.division.DivisionLevel;
import cn.cityops.model.validation.Digits;
import cn.cityops.model.validation.InvalidValueException;

import java.util.Locale;
import java.util.Optional;

/**
 * Identity of a platform node, six digits:
 * <ul>
 *   <li>{@code 100000} — the national node ({@link #NATIONAL});</li>
 *   <li>a province-level {@link DivisionCode} {@code PP0000} — a provincial node;</li>
 *   <li>a prefecture-level {@link DivisionCode} {@code PPCC00} — a municipal node.</li>
 * </ul>
 * County-level codes are not node ids, including the districts of 直辖市 (for example 110105). In code terms the
 * municipal platform of a 直辖市 is its grouping code ({@code 110100}, {@code 500100}), whose provincial node is
 * {@code 110000}; how a 直辖市 actually deploys its platforms is a configuration decision.
 */
public final class NodeId implements Comparable<NodeId> {

    /** Field name used in {@link InvalidValueException}s. */
    public static final String FIELD = "nodeId";

    private static final String NATIONAL_VALUE = "100000";

    /** The national node, {@code 100000}. */
    public static final NodeId NATIONAL = new NodeId(NATIONAL_VALUE, null);

    private final String value;
    private final DivisionCode division;

    private NodeId(String value, DivisionCode division) {
        this.value = value;
        this.division = division;
    }

    /**
     * Parses a node id; nothing is trimmed.
     *
     * @throws InvalidValueException (field {@value #FIELD}) if the value is not 100000, a province code or a
     *                               prefecture code
     */
    public static NodeId of(String value) {
        if (!Digits.isDigits(value, 6)) {
            throw new InvalidValueException(FIELD, value,
                    "node id must be 6 digits, got " + InvalidValueException.quote(value));
        }
        if (NATIONAL_VALUE.equals(value)) {
            return NATIONAL;
        }
        DivisionCode division;
        try {
            division = DivisionCode.of(value);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(FIELD, value, "node id " + value
                    + " is neither 100000 nor a valid division code: " + e.getMessage(), e);
        }
        if (division.level() == DivisionLevel.COUNTY) {
            throw countyLevel(FIELD, value);
        }
        return new NodeId(value, division);
    }

    /**
     * The node of a province ({@code PP0000}) or prefecture ({@code PPCC00}) division.
     *
     * @throws InvalidValueException (field {@value DivisionCode#FIELD}) for a county-level division
     */
    public static NodeId forDivision(DivisionCode division) {
        if (division.level() == DivisionLevel.COUNTY) {
            throw countyLevel(DivisionCode.FIELD, division.value());
        }
        return new NodeId(division.value(), division);
    }

    private static InvalidValueException countyLevel(String field, String value) {
        return new InvalidValueException(field, value, "division " + value
                + " is county-level; only 100000 (national), provinces (xx0000) and prefectures (xxxx00) run nodes");
    }

    /** The six-digit id. */
    public String value() {
        return value;
    }

    /** Level derived from the id. */
    public NodeLevel level() {
        if (division == null) {
            return NodeLevel.NATIONAL;
        }
        return division.level() == DivisionLevel.PROVINCE ? NodeLevel.PROVINCIAL : NodeLevel.MUNICIPAL;
    }

    /** The division the node serves; empty for the national node. */
    public Optional<DivisionCode> division() {
        return Optional.ofNullable(division);
    }

    /** The node one level up: national for a province, the province's node for a city, empty for national. */
    public Optional<NodeId> parent() {
        return switch (level()) {
            case NATIONAL -> Optional.empty();
            case PROVINCIAL -> Optional.of(NATIONAL);
            case MUNICIPAL -> Optional.of(new NodeId(division.province().value(), division.province()));
        };
    }

    /**
     * True if {@code child} is directly below this node: national is the parent of every provincial node, a
     * provincial node of the municipal nodes of its province.
     */
    public boolean isParentOf(NodeId child) {
        return child.parent().map(this::equals).orElse(false);
    }

    /**
     * Checks that this id has the expected level, for example when a node starts with configured id and level.
     *
     * @return this id
     * @throws InvalidValueException (field {@value #FIELD}) if the derived level differs, with a message such as
     *                               "node id 140600 is a municipal id but this node is provincial"
     */
    public NodeId requireLevel(NodeLevel expected) {
        NodeLevel actual = level();
        if (actual != expected) {
            throw new InvalidValueException(FIELD, value, "node id " + value + " is a "
                    + actual.name().toLowerCase(Locale.ROOT) + " id but this node is "
                    + expected.name().toLowerCase(Locale.ROOT));
        }
        return this;
    }

    @Override
    public int compareTo(NodeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof NodeId n && value.equals(n.value));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The six-digit id. */
    @Override
    public String toString() {
        return value;
    }
}
