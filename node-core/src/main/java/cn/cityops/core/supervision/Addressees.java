package cn.cityops.core.supervision;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.exchange.NodeDirectory;
import cn.cityops.core.exchange.Peer;
import cn.cityops.core.problem.Problem;
import cn.cityops.model.node.NodeId;
import cn.cityops.model.node.NodeLevel;
import cn.cityops.model.validation.InvalidValueException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns an issuer's choice of addressees — node ids and "all cities of province X" — into the nodes of the directory
 * that a task or notice goes to. The national node may address provinces and cities; a provincial node only the
 * cities of its own province. Every addressee must be in the node directory.
 */
@ApplicationScoped
public class Addressees {

    @Inject
    NodeDirectory directory;

    @Inject
    NodeConfig node;

    /** One addressee: node id, name and the province it belongs to (itself for a province). */
    public record Addressee(NodeId id, String name, NodeId province) {
    }

    /**
     * @param issues where problems are added (field {@code targets} / {@code allCitiesOf})
     * @return the addressees, in the order given, without duplicates
     */
    public List<Addressee> resolve(List<String> targets, List<String> allCitiesOf, List<Problem.Issue> issues) {
        Set<NodeId> ids = new LinkedHashSet<>();
        for (String t : targets == null ? List.<String>of() : targets) {
            NodeId id = parse("targets", t, issues);
            if (id == null) {
                continue;
            }
            if (!allowed(id)) {
                issues.add(new Problem.Issue("targets", t, node.level() == NodeLevel.NATIONAL
                        ? "the national node addresses provinces and cities"
                        : "a provincial node addresses only the cities of its own province " + node.nodeIdText()));
            } else if (!directory.knows(id)) {
                issues.add(new Problem.Issue("targets", t, "node " + t + " is not in the node directory"));
            } else {
                ids.add(id);
            }
        }
        for (String p : allCitiesOf == null ? List.<String>of() : allCitiesOf) {
            NodeId prov = parse("allCitiesOf", p, issues);
            if (prov == null) {
                continue;
            }
            if (prov.level() != NodeLevel.PROVINCIAL) {
                issues.add(new Problem.Issue("allCitiesOf", p, "must be a province's node id (PP0000)"));
                continue;
            }
            if (node.level() == NodeLevel.PROVINCIAL && !prov.equals(node.nodeId())) {
                issues.add(new Problem.Issue("allCitiesOf", p, "a provincial node addresses only its own cities"));
                continue;
            }
            List<NodeId> cities = citiesOf(prov);
            if (cities.isEmpty()) {
                issues.add(new Problem.Issue("allCitiesOf", p, "the node directory has no city of province " + p));
            }
            ids.addAll(cities);
        }
        if (ids.isEmpty() && issues.isEmpty()) {
            issues.add(new Problem.Issue("targets", null, "at least one addressee (targets or allCitiesOf) is"
                    + " required"));
        }
        if (ids.size() > 500) {
            issues.add(new Problem.Issue("targets", String.valueOf(ids.size()), "at most 500 addressees"));
        }
        List<Addressee> out = new ArrayList<>();
        for (NodeId id : ids) {
            out.add(new Addressee(id, name(id), id.level() == NodeLevel.PROVINCIAL ? id : id.parent().orElse(id)));
        }
        return out;
    }

    /** Every node of the directory this node may address (for the console's target picker), in directory order. */
    public List<Addressee> candidates() {
        return directory.all().stream().filter(p -> allowed(p.id()))
                .map(p -> new Addressee(p.id(), p.name(), p.level() == NodeLevel.PROVINCIAL ? p.id()
                        : p.id().parent().orElse(p.id())))
                .toList();
    }

    /** The cities of {@code province} in the directory. */
    public List<NodeId> citiesOf(NodeId province) {
        return directory.all().stream().filter(peer -> peer.level() == NodeLevel.MUNICIPAL)
                .map(Peer::id).filter(province::isParentOf).toList();
    }

    public String name(NodeId id) {
        return directory.find(id).map(Peer::name).orElse(id.value());
    }

    private boolean allowed(NodeId id) {
        return switch (node.level()) {
            case NATIONAL -> id.level() != NodeLevel.NATIONAL;
            case PROVINCIAL -> id.level() == NodeLevel.MUNICIPAL && node.nodeId().isParentOf(id);
            case MUNICIPAL -> false;
        };
    }

    private static NodeId parse(String field, String value, List<Problem.Issue> issues) {
        try {
            return NodeId.of(value);
        } catch (InvalidValueException | NullPointerException e) {
            issues.add(new Problem.Issue(field, value, "not a node id (6 digits): "
                    + (e.getMessage() == null ? "missing" : e.getMessage())));
            return null;
        }
    }
}
