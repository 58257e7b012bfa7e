package cn.cityops.core.exchange;

import java.security.cert.X509CRL;
import java.util.Optional;
import java.util.logging.Logger;

import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.security.NodeKeys;
import cn.cityops.exchange.crypto.CmsSigner;
import cn.cityops.exchange.pki.FederationTrust;
import cn.cityops.exchange.pki.NodeKeyStore;
import cn.cityops.exchange.pki.Pem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * This node's exchange credentials (signing key and CA-issued certificate from its key store, alias {@code exchange})
 * and its trust in the federation (the root that issued its certificate plus the current CRL from the directory). A
 * node without an issued certificate is "not enrolled": it serves its own users but neither sends nor accepts packages.
 */
@ApplicationScoped
public class ExchangeKeys {

    private static final Logger LOG = Logger.getLogger(ExchangeKeys.class.getName());

    @Inject
    NodeConfig node;

    @Inject
    NodeDirectory directory;

    private volatile Loaded loaded;

    private record Loaded(NodeKeyStore.ExchangeCredentials credentials, CmsSigner signer, FederationTrust trust) {
    }

    public boolean enrolled() {
        return current().isPresent();
    }

    public CmsSigner signer() {
        return require().signer();
    }

    public FederationTrust trust() {
        return require().trust();
    }

    public NodeKeyStore.ExchangeCredentials credentials() {
        return require().credentials();
    }

    /** Reloads key material and the CRL (after a directory update or a certificate installation). */
    public synchronized void reload() {
        loaded = null;
        current();
    }

    private Loaded require() {
        return current().orElseThrow(() -> new NotEnrolled("node " + node.nodeIdText() + " has no federation "
                + "certificate yet (key store alias 'exchange'); see docs/operators for enrolment"));
    }

    private synchronized Optional<Loaded> current() {
        Loaded l = loaded;
        if (l != null) {
            return Optional.of(l);
        }
        Optional<NodeKeyStore.ExchangeCredentials> creds = NodeKeys.get().exchangeCredentials();
        if (creds.isEmpty()) {
            return Optional.empty();
        }
        NodeKeyStore.ExchangeCredentials c = creds.get();
        FederationTrust trust = new FederationTrust(c.root(), Optional.empty());
        Optional<String> crl = Optional.empty();
        try {
            crl = directory.crlPem();
        } catch (RuntimeException e) {
            LOG.fine("no CRL yet: " + e.getMessage());
        }
        if (crl.isPresent()) {
            try {
                X509CRL parsed = Pem.readCrl(crl.get());
                trust = trust.withCrl(parsed);
            } catch (Exception e) {
                LOG.warning(node.tag() + " EXC-012 directory CRL not usable, revocation list ignored: " + e.getMessage());
            }
        }
        l = new Loaded(c, new CmsSigner(c.key(), c.certificate(), c.algorithm()), trust);
        loaded = l;
        LOG.info(node.tag() + " EXC-010 exchange credentials loaded: " + c.identity() + " " + c.algorithm());
        return Optional.of(l);
    }

    /** The node has no CA-issued exchange certificate. */
    public static final class NotEnrolled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotEnrolled(String message) {
            super(message);
        }
    }
}
