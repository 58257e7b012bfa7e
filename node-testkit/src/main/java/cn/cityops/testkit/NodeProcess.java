package cn.cityops.testkit;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One node started the way deploy/federation.sh starts it: its uber-jar in a separate JVM, configured only through
 * environment variables. For multi-node tests and benchmarks.
 */
public final class NodeProcess implements AutoCloseable {

    /**
     * Log lines of a node whose application did not deploy: node-launcher's just before it exits with status 3, and
     * Payara's own (a jar without the launcher keeps running and answers 404 on every path).
     */
    static final List<String> DEPLOY_FAILURES = List.of("NODE-006", "Exception while deploying the app");

    private final String name;
    private final int port;
    private final Path repoRoot;
    private final Map<String, String> env;
    private final Path workDir;
    private Process process;
    private final Path log;
    /** Size of the log when the current JVM was started: what it wrote comes after. */
    private long logStart;

    private NodeProcess(String name, int port, Path repoRoot, Map<String, String> env, Path workDir) {
        this.name = name;
        this.port = port;
        this.repoRoot = repoRoot;
        this.env = Map.copyOf(env);
        this.workDir = workDir;
        this.log = workDir.resolve("node-" + name + ".log");
    }

    /**
     * Starts {@code node-<level>/target/node-<level>.jar} under {@code repoRoot} with the given environment.
     *
     * @param level national, provincial or municipal
     */
    public static NodeProcess start(Path repoRoot, String level, Map<String, String> env, Path workDir) {
        try {
            NodeProcess node = new NodeProcess(level, freePort(), repoRoot, env, workDir);
            node.launch();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the node again after {@link #close()} or {@link #kill()}: same port, environment and directory. */
    public NodeProcess restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch();
        return this;
    }

    private void launch() {
        String level = name;
        try {
            Files.createDirectories(workDir);
            Path jar = repoRoot.resolve("node-" + level + "/target/node-" + level + ".jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " missing: build with mvn package first");
            }
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(Arrays.asList(System.getProperty("node.test.jvm",
                    "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1").trim().split("\\s+")));
            cmd.addAll(List.of("-jar", jar.toString(), "--port", String.valueOf(port), "--nocluster",
                    "--name", "it-" + level + "-" + port));
            logStart = Files.exists(log) ? Files.size(log) : 0;
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            pb.environment().putIfAbsent("CITYOPS_NODE_BASE_URL", baseUrl());
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until {@code /health/ready} answers UP. A node whose application did not deploy — its JVM exited, or its log
     * shows {@link #DEPLOY_FAILURES} — is noticed at once instead of after the timeout and started again once (a rare
     * Payara race at boot can fail a deployment: docs/operators/node-start.md); the test output says so. Fails with the
     * tail of the node's log when it is not ready in time or fails to start twice.
     */
    public NodeProcess awaitReady(Duration timeout) {
        String failure = awaitReadyOrFailure(timeout);
        if (failure != null) {
            System.out.println("NodeProcess: " + name + " (port " + port + ") did not start: " + failure
                    + " -- starting it again once; both runs are in " + log);
            close();
            launch();
            failure = awaitReadyOrFailure(timeout);
            if (failure != null) {
                throw new AssertionError(name + " did not start, twice; the second time: " + failure
                        + "\n--- " + name + " log tail ---\n" + logTail());
            }
        }
        return this;
    }

    /** Null once ready; why the node cannot become ready if it failed to start; an AssertionError on timeout. */
    private String awaitReadyOrFailure(Duration timeout) {
        Http root = new Http(baseUrl());
        try {
            return Await.until(name + " ready", timeout, () -> {
                String failure = startFailure();
                return new StartProbe(failure, failure == null ? root.get("/health/ready") : null);
            }, p -> p.failure() != null || p.health().status() == 200).failure();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- " + name + " log tail ---\n" + logTail(), e);
        }
    }

    /** One look at a starting node: why it will not become ready, or else its readiness answer. */
    private record StartProbe(String failure, Http.Reply health) {
    }

    /** Why the current JVM will not become ready (it logged a failed deployment, or exited), or null. */
    private String startFailure() {
        String logged = loggedDeployFailure();
        if (logged == null && process.isAlive()) {
            return null;
        }
        try {
            // node-launcher exits right after Payara has given up on the deployment; a jar without it keeps running
            boolean exited = process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            return (logged == null ? "" : "logged \"" + logged + "\", ")
                    + (exited ? "exited with status " + process.exitValue() : "still running");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The first line the current JVM logged that shows a failed deployment ({@link #DEPLOY_FAILURES}), or null. */
    private String loggedDeployFailure() {
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(logStart);
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return lines.lines().filter(l -> DEPLOY_FAILURES.stream().anyMatch(l::contains)).findFirst()
                    .map(l -> l.replaceAll("\u001B\\[[;\\d]*m", "").strip()).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Http http() {
        return new Http(baseUrl());
    }

    public long pid() {
        return process.pid();
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Resident set size of the node's JVM in MiB (Linux /proc), or -1 if unknown. */
    public long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Ends the node's JVM with SIGKILL, as a crash would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Environment for a node against a database of the test cluster (deploy/test.sh). */
    public static Map<String, String> testEnv(String db, String nodeId, String parentUrl, File keyDir) {
        String port = System.getProperty("it.db.port", "54339");
        String password = System.getProperty("it.db.password", "cityops-test");
        java.util.HashMap<String, String> env = new java.util.HashMap<>(Map.of(
                "CITYOPS_DB_URL", "jdbc:postgresql://127.0.0.1:" + port + "/" + db,
                "CITYOPS_DB_USER", db,
                "CITYOPS_DB_PASSWORD", password,
                "CITYOPS_KEYSTORE_PATH", new File(keyDir, "node-keystore.p12").getAbsolutePath(),
                "CITYOPS_KEYSTORE_PASSWORD", "it-" + db,
                "CITYOPS_ADMIN_INITIAL_PASSWORD", NodeContract.ADMIN_PASSWORD,
                // PBKDF2 at the production 600,000 iterations costs 5–7 CPU-seconds per login under the test JVM
                // flags (C1 only); the tests create and log in hundreds of users
                "CITYOPS_SECURITY_PASSWORD_ITERATIONS", NodeContract.TEST_PASSWORD_ITERATIONS));
        if (nodeId != null) {
            env.put("CITYOPS_NODE_ID", nodeId);
        }
        if (parentUrl != null) {
            env.put("CITYOPS_NODE_PARENT_URL", parentUrl);
        }
        return env;
    }
}
