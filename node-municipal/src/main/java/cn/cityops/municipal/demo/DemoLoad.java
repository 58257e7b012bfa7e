package cn.cityops.municipal.demo;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * Loads a generated demo city (the files of {@link DemoCity}) into a running municipal node over its REST API, as its
 * operators would: departments, users (one password for all of them), department members, unit grids (whose
 * responsible department is the routing fallback) and components. Idempotent: what already exists (HTTP 409) is
 * kept, and grids and components are only imported when the node has no grid yet.
 *
 * <pre>DemoLoad --url http://127.0.0.1:8083 --admin-password A --password P [--dir .run/demo-city]
 *     [--cases 300] [--threads 4] [--seed 7]</pre>
 *
 * <p>With {@code --cases N > 0} and a fresh import, {@link CaseSimulator} then drives N cases in demo mode so queues,
 * maps and statistics have content. See deploy/federation.sh ({@code up}) and deploy/case-bench.sh.
 */
public final class DemoLoad {

    private static final JsonProvider JSON = JsonProvider.provider();
    static final String GEOJSON = "application/geo+json";

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String adminToken;

    /** What a load did; {@code gridsImported} false when the node already had grids. */
    public record Summary(int departmentsCreated, int usersCreated, int departmentsWithMembers, boolean gridsImported,
            int grids, long gridImportMillis, long gridImportServerMillis, int components, long componentImportMillis) {
    }

    public DemoLoad(String base, String adminPassword) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.adminToken = login("admin", adminPassword);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String url = a.getOrDefault("url", "http://127.0.0.1:8083");
        String password = a.getOrDefault("password", System.getenv().getOrDefault("CITYOPS_DEMO_PASSWORD", ""));
        Path dir = Path.of(a.getOrDefault("dir", ".run/demo-city"));
        int cases = Integer.parseInt(a.getOrDefault("cases", "0"));
        DemoLoad load = new DemoLoad(url, a.getOrDefault("admin-password",
                System.getenv().getOrDefault("CITYOPS_ADMIN_PASSWORD", "")));
        Summary s = load.load(dir, password);
        System.out.printf(Locale.ROOT, "demo city loaded into %s: %d departments and %d users created, members set for"
                + " %d departments; grids %s%n", url, s.departmentsCreated(), s.usersCreated(),
                s.departmentsWithMembers(), s.gridsImported() ? String.format(Locale.ROOT, "imported (%,d in %.1f s),"
                + " %,d components (%.1f s)", s.grids(), s.gridImportMillis() / 1000.0, s.components(),
                s.componentImportMillis() / 1000.0) : "already present, import skipped");
        if (cases > 0 && s.gridsImported()) {
            CaseSimulator sim = new CaseSimulator(url, password);
            CaseSimulator.Figures f = sim.run(staff(dir), cases, Integer.parseInt(a.getOrDefault("threads", "4")),
                    false, Long.parseLong(a.getOrDefault("seed", "7")));
            System.out.printf(Locale.ROOT, "case simulator (demo mode): %d cases, %d calls in %.1f s; cases by where"
                    + " they stand: %s%n", f.cases(), f.calls(), f.seconds(), f.outcomes());
        } else if (cases > 0) {
            System.out.println("case simulator skipped: the node already had its grids (and cases)");
        }
    }

    /** Creates departments, users and members, and imports grids and components when the node has none. */
    public Summary load(Path dir, String userPassword) throws IOException {
        return load(dir, userPassword, u -> true);
    }

    /** As {@link #load(Path, String)}, creating only the users of users.json that {@code users} accepts. */
    public Summary load(Path dir, String userPassword, Predicate<JsonObject> users) throws IOException {
        int departments = 0;
        for (JsonValue v : readArray(dir.resolve("departments.json"))) {
            JsonObject d = v.asJsonObject();
            JsonObjectBuilder b = JSON.createObjectBuilder().add("id", d.getString("id"))
                    .add("name", d.getString("name")).add("uscc", d.getString("uscc"));
            departments += created(send("POST", "/api/departments", "application/json", b.build().toString()),
                    "department " + d.getString("id"));
        }
        int created = 0;
        Map<String, List<String>> members = new TreeMap<>();
        for (JsonValue v : readArray(dir.resolve("users.json"))) {
            JsonObject u = v.asJsonObject();
            if (!users.test(u)) {
                continue;
            }
            JsonObject body = JSON.createObjectBuilder().add("username", u.getString("username"))
                    .add("displayName", u.getString("displayName")).add("password", userPassword)
                    .add("roles", u.getJsonArray("roles")).build();
            created += created(send("POST", "/api/admin/users", "application/json", body.toString()),
                    "user " + u.getString("username"));
            if (u.containsKey("departmentId")) {
                members.computeIfAbsent(u.getString("departmentId"), k -> new ArrayList<>()).add(u.getString("username"));
            }
        }
        for (Map.Entry<String, List<String>> m : members.entrySet()) {
            ok(send("PUT", "/api/departments/" + m.getKey() + "/members", "application/json",
                    JSON.createArrayBuilder(m.getValue()).build().toString()), "members of " + m.getKey());
        }
        if (gridCount() > 0) {
            return new Summary(departments, created, members.size(), false, 0, 0, 0, 0, 0);
        }
        long t0 = System.nanoTime();
        JsonObject grids = parse(ok(sendFile("/api/grids/import", dir.resolve("grids.geojson")), "grid import"))
                .asJsonObject();
        long gridMillis = (System.nanoTime() - t0) / 1_000_000;
        int components = 0;
        long componentMillis = 0;
        Path comps = dir.resolve("components.geojson");
        if (Files.exists(comps)) {
            t0 = System.nanoTime();
            JsonValue c = parse(ok(sendFile("/api/components/import", comps), "component import"));
            componentMillis = (System.nanoTime() - t0) / 1_000_000;
            components = c.asJsonObject().getInt("components");
        }
        return new Summary(departments, created, members.size(), true, grids.getInt("features"), gridMillis,
                grids.getJsonNumber("millis").longValue(), components, componentMillis);
    }

    /** Grids the node holds (sum over the area tree). */
    public long gridCount() {
        JsonArray tree = parse(ok(send("GET", "/api/areas", null, null), "area tree")).asJsonArray();
        long n = 0;
        for (JsonValue v : tree) {
            n += v.asJsonObject().getJsonNumber("gridCount").longValue();
        }
        return n;
    }

    /** Staff for {@link CaseSimulator} from users.json: every inspector, the first of each desk role. */
    public static CaseSimulator.Staff staff(Path dir) throws IOException {
        List<String> inspectors = new ArrayList<>();
        Map<String, String> first = new HashMap<>();
        for (JsonValue v : readArray(dir.resolve("users.json"))) {
            JsonObject u = v.asJsonObject();
            String role = u.getJsonArray("roles").getString(0);
            if ("inspector".equals(role)) {
                inspectors.add(u.getString("username"));
            }
            first.putIfAbsent(role, u.getString("username"));
        }
        return new CaseSimulator.Staff(inspectors, first.get("intake-operator"), first.get("shift-lead"),
                first.get("dispatcher"), first.get("leader"));
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    private String login(String user, String password) {
        HttpResponse<String> r = exchange(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON
                        .createObjectBuilder().add("username", user).add("password", password).build().toString())));
        return parse(ok(r, "login of " + user)).asJsonObject().getString("token");
    }

    private HttpResponse<String> send(String method, String path, String type, String body) {
        HttpRequest.Builder b = request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (type != null) {
            b.header("Content-Type", type);
        }
        return exchange(b);
    }

    private HttpResponse<String> sendFile(String path, Path file) throws IOException {
        return exchange(request(path).header("Content-Type", GEOJSON).POST(HttpRequest.BodyPublishers.ofFile(file)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10))
                .header("Accept", "application/json").header("Authorization", "Bearer " + adminToken);
    }

    private HttpResponse<String> exchange(HttpRequest.Builder b) {
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("request to " + base + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String ok(HttpResponse<String> r, String what) {
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(what + " → HTTP " + r.statusCode() + " "
                    + r.body().substring(0, Math.min(800, r.body().length())));
        }
        return r.body();
    }

    /** 1 when created, 0 when it already existed (409). */
    private static int created(HttpResponse<String> r, String what) {
        if (r.statusCode() == 409) {
            return 0;
        }
        ok(r, what);
        return 1;
    }

    private static JsonValue parse(String text) {
        return JSON.createReader(new StringReader(text)).readValue();
    }

    private static JsonArray readArray(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8)).asJsonArray();
    }
}
