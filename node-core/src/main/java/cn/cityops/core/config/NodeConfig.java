package cn.cityops.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import cn.cityops.model.node.NodeId;
import cn.cityops.model.node.NodeLevel;
import cn.cityops.model.validation.InvalidValueException;
import cn.cityops.model.worktime.OfficeHours;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * The node's identity and settings, read once from MicroProfile Config (environment variables, system properties or
 * a {@code --systemProperties} file) and checked at start-up. {@link #problems()} lists what is wrong; a node with
 * problems reports itself not ready instead of half-working.
 */
@ApplicationScoped
public class NodeConfig {

    @Inject
    Config config;

    @Inject
    NodeProfile profile;

    private NodeId nodeId;
    private String name;
    private String baseUrl;
    private String parentUrl;
    private Path keyStorePath;
    private String keyStorePassword;
    private Duration jwtLifetime;
    private int loginMaxFailures;
    private Duration loginLock;
    private OfficeHours officeHours;
    private ZoneId zone;
    private final List<String> problems = new ArrayList<>();

    @PostConstruct
    void read() {
        String id = opt(ConfigKeys.NODE_ID).orElse(profile.defaultNodeId());
        if (id == null) {
            problems.add(ConfigKeys.NODE_ID + " is required for a " + profile.level() + " node");
        } else {
            try {
                nodeId = NodeId.of(id);
                nodeId.requireLevel(profile.level());
            } catch (InvalidValueException e) {
                problems.add(ConfigKeys.NODE_ID + ": " + e.getMessage());
                nodeId = null;
            }
        }
        name = opt(ConfigKeys.NODE_NAME).orElse(profile.level().label() + (nodeId == null ? "" : " " + nodeId));
        baseUrl = opt(ConfigKeys.NODE_BASE_URL).orElse("http://localhost:8080");
        parentUrl = opt(ConfigKeys.NODE_PARENT_URL).orElse(null);
        if (parentUrl == null && profile.level() != NodeLevel.NATIONAL) {
            problems.add(ConfigKeys.NODE_PARENT_URL + " is required for a " + profile.level() + " node");
        }
        keyStorePath = Path.of(opt(ConfigKeys.KEYSTORE_PATH).orElse("keys/node-keystore.p12"));
        keyStorePassword = opt(ConfigKeys.KEYSTORE_PASSWORD).orElse(null);
        if (keyStorePassword == null) {
            problems.add(ConfigKeys.KEYSTORE_PASSWORD + " is required");
        }
        jwtLifetime = Duration.ofMinutes(intValue(ConfigKeys.JWT_LIFETIME_MINUTES, 480));
        loginMaxFailures = intValue(ConfigKeys.LOGIN_MAX_FAILURES, 5);
        loginLock = Duration.ofMinutes(intValue(ConfigKeys.LOGIN_LOCK_MINUTES, 15));
        try {
            officeHours = OfficeHours.parse(opt(ConfigKeys.OFFICE_HOURS).orElse("08:30-12:00,13:30-17:30"));
        } catch (InvalidValueException e) {
            problems.add(ConfigKeys.OFFICE_HOURS + ": " + e.getMessage());
            officeHours = OfficeHours.parse("08:30-12:00,13:30-17:30");
        }
        try {
            zone = ZoneId.of(opt(ConfigKeys.TIME_ZONE).orElse("Asia/Shanghai"));
        } catch (RuntimeException e) {
            problems.add(ConfigKeys.TIME_ZONE + ": unknown zone");
            zone = ZoneId.of("Asia/Shanghai");
        }
    }

    private Optional<String> opt(String key) {
        return config.getOptionalValue(key, String.class).filter(s -> !s.isBlank()).map(String::trim);
    }

    private int intValue(String key, int def) {
        try {
            return opt(key).map(Integer::parseInt).orElse(def);
        } catch (NumberFormatException e) {
            problems.add(key + " must be an integer");
            return def;
        }
    }

    public NodeLevel level() {
        return profile.level();
    }

    /** The node id; only call when {@link #problems()} is empty. */
    public NodeId nodeId() {
        return nodeId;
    }

    public String nodeIdText() {
        return nodeId == null ? "unconfigured" : nodeId.toString();
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Optional<String> parentUrl() {
        return Optional.ofNullable(parentUrl);
    }

    public Path keyStorePath() {
        return keyStorePath;
    }

    public char[] keyStorePassword() {
        return keyStorePassword == null ? new char[0] : keyStorePassword.toCharArray();
    }

    public Optional<String> adminInitialPassword() {
        return opt(ConfigKeys.ADMIN_INITIAL_PASSWORD);
    }

    public Duration jwtLifetime() {
        return jwtLifetime;
    }

    public int loginMaxFailures() {
        return loginMaxFailures;
    }

    public Duration loginLock() {
        return loginLock;
    }

    public OfficeHours officeHours() {
        return officeHours;
    }

    public ZoneId zone() {
        return zone;
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Log prefix carrying the node id. */
    public String tag() {
        return "[node " + nodeIdText() + "]";
    }
}
