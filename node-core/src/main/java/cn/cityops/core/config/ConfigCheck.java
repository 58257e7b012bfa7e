package cn.cityops.core.config;

import java.util.List;

/**
 * A settings bean of a feature (often in a level WAR) that reports configuration problems. The node collects every
 * such bean at start-up together with {@link NodeConfig#problems()}; any problem keeps the node not ready
 * ({@code CONFIG_INVALID}) instead of half-working.
 */
public interface ConfigCheck {

    /** What is wrong with this feature's configuration, one message per problem naming the key; empty when fine. */
    List<String> problems();
}
