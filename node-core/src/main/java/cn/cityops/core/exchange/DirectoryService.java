package cn.cityops.core.exchange;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import cn.cityops.core.audit.AuditLog;
import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.problem.ProblemType;
import cn.cityops.exchange.pkg.Timestamps;
import cn.cityops.exchange.pki.NodeIdentity;
import cn.cityops.exchange.pki.Pem;
import cn.cityops.exchange.pki.TrustException;
import cn.cityops.exchange.schema.PackageTypes;
import cn.cityops.exchange.verify.VerifiedPackage;
import cn.cityops.model.node.NodeId;
import cn.cityops.model.node.NodeLevel;
import cn.cityops.model.validation.InvalidValueException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;

/**
 * The node directory as a service: the national operators register nodes (certificate issued by the federation root,
 * base URL, transport); every change is published to every other node as a signed {@code directory.update}
 * (routed down the hierarchy, ordered by a per-receiver stream), and nodes below apply updates that are newer than
 * what they hold. Onboarding a city therefore needs only its own key and certificate on its machine.
 */
@ApplicationScoped
public class DirectoryService implements PackageHandler {

    static final String TYPE = "directory.update";
    private static final Logger LOG = Logger.getLogger(DirectoryService.class.getName());

    @Inject
    NodeDirectory directory;

    @Inject
    ExchangeKeys keys;

    @Inject
    Outbox outbox;

    @Inject
    NodeConfig node;

    @Inject
    AuditLog audit;

    /**
     * A node registration by the national operators. {@code schemaVersions}: the package types and schema versions
     * the node's software reads (SPEC §15); absent means the same as this national node's.
     */
    public record Registration(String nodeId, String name, String baseUrl, String transport, String certificatePem,
            List<TypeVersions> schemaVersions) {
    }

    /** Schema versions of one package type a node advertises. */
    public record TypeVersions(String type, List<Integer> versions) {
    }

    /** One directory row as shown to operators. */
    public record NodeView(String nodeId, String name, NodeLevel level, String parent, String baseUrl,
            Peer.Transport transport, String certificateSubject, Instant certificateNotAfter) {
    }

    public record DirectoryView(long version, List<NodeView> nodes) {
    }

    public DirectoryView view() {
        NodeDirectory.Snapshot d = directory.snapshot();
        List<NodeView> nodes = d.list().stream().map(p -> {
            X509Certificate cert = certificateOrNull(p.certificatePem());
            return new NodeView(p.id().value(), p.name(), p.level(), p.parent() == null ? null : p.parent().value(),
                    p.baseUrl(), p.transport(), cert == null ? null : cert.getSubjectX500Principal().getName(),
                    cert == null ? null : cert.getNotAfter().toInstant());
        }).toList();
        return new DirectoryView(d.version(), nodes);
    }

    private void requireNational() {
        if (node.level() != NodeLevel.NATIONAL) {
            throw new ProblemException(ProblemType.FORBIDDEN, "the node directory is maintained on the national node;"
                    + " this " + node.level() + " node receives it");
        }
    }

    @Transactional
    public DirectoryView register(Registration r, String by, String from) {
        requireNational();
        if (r == null) {
            throw ProblemException.invalid("body", null, "a registration is required");
        }
        List<Problem.Issue> issues = new ArrayList<>();
        NodeId id = null;
        try {
            id = NodeId.of(r.nodeId());
        } catch (InvalidValueException e) {
            issues.add(new Problem.Issue("nodeId", r.nodeId(), e.getMessage()));
        }
        Peer.Transport transport = Peer.Transport.HTTP;
        try {
            transport = r.transport() == null ? Peer.Transport.HTTP : Peer.Transport.valueOf(r.transport());
        } catch (IllegalArgumentException e) {
            issues.add(new Problem.Issue("transport", r.transport(), "must be HTTP or FERRY"));
        }
        if (transport == Peer.Transport.HTTP && (r.baseUrl() == null || !r.baseUrl().matches("https?://\\S+"))) {
            issues.add(new Problem.Issue("baseUrl", r.baseUrl(), "an http(s) URL is required for the HTTP transport"));
        }
        if (r.name() == null || r.name().isBlank() || r.name().length() > 100) {
            issues.add(new Problem.Issue("name", r.name(), "1 to 100 characters"));
        }
        X509Certificate cert = certificateOrNull(r.certificatePem());
        if (cert == null) {
            issues.add(new Problem.Issue("certificatePem", null, "a PEM certificate issued by the federation root is"
                    + " required"));
        } else if (id != null) {
            try {
                NodeIdentity identity = keys.trust().validate(cert, Instant.now());
                if (!identity.nodeId().equals(id.value())) {
                    issues.add(new Problem.Issue("certificatePem", null, "certificate is for node "
                            + identity.nodeId() + ", not " + id));
                }
            } catch (TrustException e) {
                issues.add(new Problem.Issue("certificatePem", null, e.code() + ": " + e.getMessage()));
            }
        }
        String advertised = advertised(r.schemaVersions(), issues);
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        if (id.equals(node.nodeId())) {
            throw ProblemException.invalid("nodeId", id.value(), "the national node registers itself");
        }
        Peer peer = new Peer(id, r.name().trim(), id.level(), id.parent().orElse(null), r.baseUrl(), transport,
                r.certificatePem().trim(), advertised);
        long version = directory.upsert(peer, null);
        publish();
        audit.record(by, "exchange.directory.register", id.value(), r.name() + " " + transport + " " + r.baseUrl()
                + " (directory v" + version + ")", from);
        return view();
    }

    /** The package types and schema versions this node's release reads, by type name. */
    public static List<TypeVersions> ownVersions() {
        PackageTypes types = PackageTypes.standard();
        return new java.util.TreeSet<>(types.names()).stream().map(t -> new TypeVersions(t,
                List.copyOf(types.find(t).orElseThrow().schemaVersions()))).toList();
    }

    /** The registration's schema versions as the directory's JSON array, or "{}" for "as this node's". */
    static String advertised(List<TypeVersions> list, List<Problem.Issue> issues) {
        if (list == null) {
            return "{}";
        }
        JsonArrayBuilder a = Json.createArrayBuilder();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            TypeVersions t = list.get(i);
            String field = "schemaVersions[" + i + "]";
            if (t == null || t.type() == null || !t.type().matches("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*")
                    || t.type().length() > 64 || !seen.add(t.type())) {
                issues.add(new Problem.Issue(field + ".type", t == null ? null : t.type(), "a package type name"
                        + " (SPEC §3), each type once"));
            } else if (t.versions() == null || t.versions().isEmpty()
                    || t.versions().stream().anyMatch(v -> v == null || v < 1)) {
                issues.add(new Problem.Issue(field + ".versions", String.valueOf(t.versions()), "one or more"
                        + " schema versions, integers from 1"));
            } else {
                JsonArrayBuilder vs = Json.createArrayBuilder();
                t.versions().stream().distinct().sorted().forEach(vs::add);
                a.add(Json.createObjectBuilder().add("type", t.type()).add("versions", vs));
            }
        }
        return a.build().toString();
    }

    /** Sends the whole directory to every other node (same transaction as the change). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish() {
        NodeDirectory.Snapshot d = directory.snapshot();
        JsonObject payload = payload(d, directory.crlPem());
        for (Peer p : d.list()) {
            if (!p.id().equals(node.nodeId())) {
                outbox.enqueue(TYPE, p.id(), "directory", payload, true);
            }
        }
    }

    /**
     * The whole directory as one directory.update payload: version and nodes from the same snapshot; each node with
     * the schema versions it was registered with (this node's own when none were given).
     */
    static JsonObject payload(NodeDirectory.Snapshot d, java.util.Optional<String> crlPem) {
        JsonArray schemaVersions = Json.createReader(new java.io.StringReader(advertised(ownVersions(),
                new ArrayList<>()))).readArray();
        JsonArrayBuilder nodes = Json.createArrayBuilder();
        for (Peer p : d.list()) {
            JsonObjectBuilder b = Json.createObjectBuilder().add("nodeId", p.id().value()).add("name", p.name())
                    .add("level", p.level().name()).add("transport", wireName(p.transport()))
                    .add("certificates", Json.createArrayBuilder().add(p.certificatePem()))
                    .add("schemaVersions", p.schemaVersions() != null && p.schemaVersions().startsWith("[")
                            ? Json.createReader(new java.io.StringReader(p.schemaVersions())).readArray()
                            : schemaVersions);
            if (p.parent() != null) {
                b.add("parent", p.parent().value());
            } else {
                b.addNull("parent");
            }
            if (p.baseUrl() != null) {
                b.add("baseUrl", p.baseUrl());
            } else {
                b.addNull("baseUrl");
            }
            nodes.add(b);
        }
        JsonObjectBuilder b = Json.createObjectBuilder().add("version", d.version())
                .add("issuedAt", Timestamps.format(Instant.now()))
                .add("nodes", nodes);
        crlPem.ifPresent(crl -> b.add("crlPem", crl));
        return b.build();
    }

    /** Transport names on the wire (SPEC.md, directory.update). */
    private static String wireName(Peer.Transport t) {
        return t == Peer.Transport.FERRY ? "FILE_FERRY" : "HTTPS";
    }

    private static Peer.Transport fromWire(String name) {
        return "FILE_FERRY".equals(name) ? Peer.Transport.FERRY : Peer.Transport.HTTP;
    }

    /** The national operators publish a new CRL of the federation root; it travels with the directory. */
    @Transactional
    public DirectoryView publishCrl(String crlPem, String by, String from) {
        requireNational();
        X509CRL crl;
        try {
            crl = Pem.readCrl(crlPem == null ? "" : crlPem);
            keys.trust().withCrl(crl);
        } catch (Exception e) {
            throw ProblemException.invalid("crlPem", null, "not a CRL of the federation root newer than the current"
                    + " one: " + e.getMessage());
        }
        directory.upsertCrl(crlPem.trim());
        keys.reload();
        publish();
        audit.record(by, "exchange.directory.crl", "crl", "CRL with " + (crl.getRevokedCertificates() == null ? 0
                : crl.getRevokedCertificates().size()) + " revoked certificate(s), next update " + crl.getNextUpdate()
                .toInstant(), from);
        return view();
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Applies a directory update from the national node (the verifier checked the signer is national). */
    @Override
    public void apply(VerifiedPackage pkg) throws Exception {
        JsonObject p = pkg.pkg().payload();
        long version = p.getJsonNumber("version").longValue();
        List<Peer> peers = new ArrayList<>();
        for (JsonValue v : p.getJsonArray("nodes")) {
            JsonObject n = v.asJsonObject();
            peers.add(new Peer(NodeId.of(n.getString("nodeId")), n.getString("name"),
                    NodeLevel.valueOf(n.getString("level")),
                    n.isNull("parent") ? null : NodeId.of(n.getString("parent")),
                    n.isNull("baseUrl") ? null : n.getString("baseUrl"), fromWire(n.getString("transport")),
                    n.getJsonArray("certificates").getString(0), n.getJsonArray("schemaVersions").toString()));
        }
        String crl = p.get("crlPem") instanceof JsonString s ? s.getString() : null;
        if (directory.replace(version, Timestamps.parse(p.getString("issuedAt")), peers, crl)) {
            keys.reload();
            LOG.info(node.tag() + " EXC-013 directory updated to version " + version + " (" + peers.size()
                    + " nodes)");
        } else {
            LOG.info(node.tag() + " EXC-014 directory update version " + version + " ignored (not newer than "
                    + directory.version() + ")");
        }
    }

    private static X509Certificate certificateOrNull(String pem) {
        if (pem == null || pem.isBlank()) {
            return null;
        }
        try {
            return Pem.readCertificate(pem);
        } catch (Exception e) {
            return null;
        }
    }
}
