package cn.cityops.core.exchange;

import cn.cityops.exchange.verify.VerifiedPackage;

/**
 * Applies verified packages of one type addressed to this node. Implementations are CDI beans; {@link #apply} runs in
 * the transaction that stores the package, so a package is either stored and applied or neither (a thrown exception
 * rolls both back and the sender retries later).
 */
public interface PackageHandler {

    /** The package type handled, e.g. {@code task.issue}. */
    String type();

    void apply(VerifiedPackage pkg) throws Exception;
}
