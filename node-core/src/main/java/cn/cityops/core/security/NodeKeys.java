package cn.cityops.core.security;

import java.nio.file.Path;
import java.util.logging.Logger;

import cn.cityops.core.config.ConfigKeys;
import cn.cityops.exchange.pki.NodeKeyStore;

/**
 * The node's key store, opened once per process. Shared by the JWT config source (which runs before CDI is up and
 * therefore reads its two settings straight from system properties / environment) and the token issuer.
 */
public final class NodeKeys {

    private static final Logger LOG = Logger.getLogger(NodeKeys.class.getName());
    private static volatile NodeKeyStore store;

    private NodeKeys() {
    }

    /** Opens (or on first start creates) the key store named by {@code cityops.keystore.path}. */
    public static NodeKeyStore get() {
        NodeKeyStore s = store;
        if (s == null) {
            synchronized (NodeKeys.class) {
                s = store;
                if (s == null) {
                    String password = ConfigKeys.raw(ConfigKeys.KEYSTORE_PASSWORD);
                    if (password == null) {
                        throw new NodeKeyStore.KeyStoreProblem(ConfigKeys.KEYSTORE_PASSWORD + " is not set", null);
                    }
                    Path path = Path.of(java.util.Objects.requireNonNullElse(
                            ConfigKeys.raw(ConfigKeys.KEYSTORE_PATH), "keys/node-keystore.p12"));
                    boolean existed = path.toFile().exists();
                    s = NodeKeyStore.openOrCreate(path, password.toCharArray(), "cityops-node-jwt");
                    if (!existed) {
                        LOG.warning("SEC-010 created key store with a new token-signing key at " + path.toAbsolutePath());
                    }
                    store = s;
                }
            }
        }
        return s;
    }
}
