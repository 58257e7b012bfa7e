package cn.cityops.exchange.pki;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

import cn.cityops.model.node.NodeId;
import cn.cityops.model.node.NodeLevel;

/**
 * The identity a node certificate asserts, and the certificate subject profile that carries it:
 * {@code C=CN, O=CityOps Federation, OU=<level in lower case>, CN=<node id>}, for example
 * {@code C=CN, O=CityOps Federation, OU=municipal, CN=140600}. The level must be the one the node id implies.
 */
public record NodeIdentity(String nodeId, NodeLevel level) {

    /** Subject country. */
    public static final String COUNTRY = "CN";
    /** Subject organisation of every federation certificate. */
    public static final String ORGANIZATION = "CityOps Federation";

    /**
     * @throws IllegalArgumentException if {@code nodeId} is not a node id or {@code level} is not its level
     */
    public NodeIdentity {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(level, "level");
        NodeId id;
        try {
            id = NodeId.of(nodeId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a node identity: " + e.getMessage(), e);
        }
        if (id.level() != level) {
            throw new IllegalArgumentException("node " + nodeId + " is " + lower(id.level()) + ", not "
                    + lower(level));
        }
    }

    /** The identity of a node, level derived from the id. */
    public static NodeIdentity of(NodeId node) {
        return new NodeIdentity(node.value(), node.level());
    }

    /**
     * The identity of a node id given as text, level derived from the id.
     *
     * @throws IllegalArgumentException if the text is not a node id
     */
    public static NodeIdentity of(String nodeId) {
        try {
            return of(NodeId.of(nodeId));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a node identity: " + e.getMessage(), e);
        }
    }

    /** The node id as a value object. */
    public NodeId node() {
        return NodeId.of(nodeId);
    }

    /** Level as used in the subject's OU: {@code national}, {@code provincial} or {@code municipal}. */
    public String levelName() {
        return lower(level);
    }

    /** The certificate subject (RDNs in the order C, O, OU, CN). */
    public X500Name x500Name() {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, COUNTRY)
                .addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.OU, levelName())
                .addRDN(BCStyle.CN, nodeId)
                .build();
    }

    /** The certificate subject as text, in the order it is encoded: {@code C=CN, O=CityOps Federation, OU=…, CN=…}. */
    public String subject() {
        return "C=" + COUNTRY + ", O=" + ORGANIZATION + ", OU=" + levelName() + ", CN=" + nodeId;
    }

    /**
     * Reads the identity from a node certificate's subject.
     *
     * @throws IllegalArgumentException if the subject does not follow the profile, the CN is not a node id or the OU
     *                                  is not the node's level
     */
    public static NodeIdentity fromCertificate(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        return fromX500Name(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()));
    }

    /**
     * Reads the identity from a subject name. Exactly the four attributes C, O, OU and CN, each once and single-valued,
     * in any order.
     *
     * @throws IllegalArgumentException if the name does not follow the profile
     */
    public static NodeIdentity fromX500Name(X500Name name) {
        Objects.requireNonNull(name, "name");
        Map<ASN1ObjectIdentifier, String> values = new HashMap<>();
        for (RDN rdn : name.getRDNs()) {
            if (rdn.isMultiValued()) {
                throw notProfile(name, "multi-valued RDN");
            }
            AttributeTypeAndValue atv = rdn.getFirst();
            if (!(atv.getValue() instanceof ASN1String text)) {
                throw notProfile(name, "non-string attribute value");
            }
            if (values.put(atv.getType(), text.getString()) != null) {
                throw notProfile(name, "repeated attribute " + BCStyle.INSTANCE.oidToDisplayName(atv.getType()));
            }
        }
        if (values.size() != 4 || !COUNTRY.equals(values.get(BCStyle.C))
                || !ORGANIZATION.equals(values.get(BCStyle.O)) || values.get(BCStyle.OU) == null
                || values.get(BCStyle.CN) == null) {
            throw notProfile(name, "expected exactly C=" + COUNTRY + ", O=" + ORGANIZATION + ", OU=<level>, "
                    + "CN=<node id>");
        }
        NodeLevel level;
        try {
            level = NodeLevel.fromName(values.get(BCStyle.OU));
        } catch (IllegalArgumentException e) {
            throw notProfile(name, "OU is not a node level");
        }
        if (!values.get(BCStyle.OU).equals(lower(level))) {
            throw notProfile(name, "OU must be the level in lower case");
        }
        return new NodeIdentity(values.get(BCStyle.CN), level);
    }

    /** {@code 140600 (municipal)}. */
    @Override
    public String toString() {
        return nodeId + " (" + levelName() + ")";
    }

    private static IllegalArgumentException notProfile(X500Name name, String why) {
        return new IllegalArgumentException("subject '" + name + "' is not a node identity: " + why);
    }

    private static String lower(NodeLevel level) {
        return level.name().toLowerCase(Locale.ROOT);
    }
}
