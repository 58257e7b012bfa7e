package cn.cityops.exchange.crypto;

import java.security.Provider;
import java.security.Security;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Internal helper: the one BouncyCastle provider instance this module uses. It is handed to JCA factories explicitly
 * ({@code getInstance(name, provider)}), never looked up by name. The first use also appends it to the JVM's provider
 * list when no "BC" provider is installed yet; it is added last, so the JDK providers keep their priority.
 */
public final class BcProvider {

    private static final Provider PROVIDER = install();

    private BcProvider() {
    }

    /** The BouncyCastle provider. */
    public static Provider get() {
        return PROVIDER;
    }

    private static Provider install() {
        Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (existing instanceof BouncyCastleProvider) {
            return existing; // installed by this class loader (or a parent), same classes
        }
        BouncyCastleProvider provider = new BouncyCastleProvider();
        if (existing == null) {
            Security.addProvider(provider); // appended: lowest priority
        }
        return provider;
    }
}
