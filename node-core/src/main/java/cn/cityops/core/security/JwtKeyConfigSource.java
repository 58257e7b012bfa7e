package cn.cityops.core.security;

import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies MicroProfile JWT verification settings from the node's own key store, so the verifier always trusts exactly
 * the key the node signs with and no key material has to be copied into configuration.
 */
public class JwtKeyConfigSource implements ConfigSource {

    private static final Logger LOG = Logger.getLogger(JwtKeyConfigSource.class.getName());
    static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
    static final String ISSUER = "mp.jwt.verify.issuer";
    static final String ALGORITHM = "mp.jwt.verify.publickey.algorithm";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PUBLIC_KEY, ISSUER, ALGORITHM);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of();
    }

    @Override
    public String getValue(String propertyName) {
        try {
            return switch (propertyName) {
                case PUBLIC_KEY -> NodeKeys.get().jwtPublicKeyPem();
                case ISSUER -> NodeKeys.get().jwtIssuer();
                case ALGORITHM -> NodeKeys.get().jwtAlgorithm();
                default -> null;
            };
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "SEC-011 token key unavailable: " + e.getMessage());
            return null;
        }
    }

    @Override
    public String getName() {
        return "cityops-node-keystore";
    }

    @Override
    public int getOrdinal() {
        return 500;
    }
}
