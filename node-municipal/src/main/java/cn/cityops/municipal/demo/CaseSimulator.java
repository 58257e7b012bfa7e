package cn.cityops.municipal.demo;

import java.io.StringReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * Drives cases through the loop over a municipal node's REST API, as the city's staff would: inspectors report at
 * random places of the grid, intake accepts (or rejects, or sends a verification), the shift lead files (or refuses),
 * the dispatcher dispatches to the routed department, departments feed back (or ask for a return, an extension or a
 * suspension), checks pass or fail (rework), cases close. In {@code demo} mode a share of cases is left open at every
 * stage so queues and maps have content; in {@code bench} mode every case runs the plain loop to the end and the
 * figures (lifecycles/s, per-call latency percentiles) are printed.
 *
 * <pre>CaseSimulator --url http://127.0.0.1:8083 --password P --cases 200 --threads 4 --mode demo|bench
 *     [--inspector inspector001,inspector002] [--intake intake01] [--lead shiftlead01] [--dispatcher dispatcher01]
 *     [--leader leader01] [--seed 7]</pre>
 *
 * <p>The default usernames are those of the demo city (DemoCity's users.json, loaded by DemoLoad). Each case draws
 * its choices from its own {@code Random(seed, case number)}, so a run is deterministic whatever the thread
 * interleaving. Only the calls of the lifecycles are timed (not the log-ins and the set-up reads of grids and
 * departments).
 *
 * <p>Each client thread sends its requests synchronously through {@link HttpURLConnection} (HTTP/1.1 keep-alive; the
 * JDK keeps up to {@code http.maxConnections}, default 5, idle connections per host for reuse). The benchmark's
 * clients share the machine's cores with the node and its database, and the JDK's asynchronous HttpClient cost them
 * more CPU per call in CaseBenchIT (higher client CPU per lifecycle in 7 of 8 alternating batch pairs,
 * docs/benchmarks.md).
 */
public final class CaseSimulator {

    /** Common event matters of GB/T 47678.5 (暴露垃圾, 道路不洁, 非法小广告, 占道经营, 机动车乱停放 …) and manhole covers. */
    static final String[] MATTERS = {"06010", "06010", "06011", "06012", "06012", "07001", "09005", "09006", "09009",
        "09010", "01001", "01002", "01003"};

    /**
     * Looked up once: every {@code Json.create…} call would run a ServiceLoader look-up over the whole class path
     * (the benchmark's clients share the machine's cores with the node and the database).
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final String base;
    private final String password;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<Long>> latenciesByCall = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private List<double[]> places = List.of();
    private Map<String, String> departmentUsers = Map.of();

    public CaseSimulator(String base, String password) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.password = password;
    }

    /** Staff usernames by role. */
    public record Staff(List<String> inspectors, String intake, String lead, String dispatcher, String leader) {
    }

    /** Latency of one kind of call (report, or an action by name): count and percentiles in ms. */
    public record CallFigures(long calls, double p50Millis, double p99Millis) {
    }

    /** What a run did. */
    public record Figures(int cases, long calls, double seconds, double lifecyclesPerSecond, double callsPerSecond,
            double p50Millis, double p99Millis, Map<String, Long> outcomes, Map<String, CallFigures> perCall) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        CaseSimulator sim = new CaseSimulator(a.getOrDefault("url", "http://127.0.0.1:8083"),
                a.getOrDefault("password", System.getenv().getOrDefault("CITYOPS_DEMO_PASSWORD", "")));
        Staff staff = new Staff(Arrays.asList(a.getOrDefault("inspector", "inspector001,inspector002").split(",")),
                a.getOrDefault("intake", "intake01"), a.getOrDefault("lead", "shiftlead01"),
                a.getOrDefault("dispatcher", "dispatcher01"), a.getOrDefault("leader", "leader01"));
        Figures f = sim.run(staff, Integer.parseInt(a.getOrDefault("cases", "200")),
                Integer.parseInt(a.getOrDefault("threads", "4")), "bench".equals(a.getOrDefault("mode", "demo")),
                Long.parseLong(a.getOrDefault("seed", "7")));
        System.out.println(f);
    }

    public Figures run(Staff staff, int cases, int threads, boolean bench, long seed) throws Exception {
        places = gridCentres(staff.intake());
        departmentUsers = departmentUsers(staff.intake());
        latenciesMicros.clear();
        latenciesByCall.clear();
        calls.set(0);
        outcomes.clear();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            Random r = new Random(seed * 1_000_003 + i);
            done.add(pool.submit(() -> {
                String outcome = lifecycle(staff, r, bench);
                outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Long> sorted = new ArrayList<>(latenciesMicros);
        Collections.sort(sorted);
        Map<String, Long> o = new java.util.TreeMap<>();
        outcomes.forEach((k, v) -> o.put(k, v.get()));
        Map<String, CallFigures> per = new java.util.TreeMap<>();
        latenciesByCall.forEach((k, v) -> {
            List<Long> s = new ArrayList<>(v);
            Collections.sort(s);
            per.put(k, new CallFigures(s.size(), percentile(s, 0.50), percentile(s, 0.99)));
        });
        return new Figures(cases, calls.get(), Math.round(seconds * 100) / 100.0, Math.round(cases / seconds * 10)
                / 10.0, Math.round(calls.get() / seconds * 10) / 10.0, percentile(sorted, 0.50),
                percentile(sorted, 0.99), o, per);
    }

    static double percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return Math.round(sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size()))) / 100.0)
                / 10.0;
    }

    /** One case from report to its end (or to where the demo leaves it); returns where it ended. */
    String lifecycle(Staff s, Random r, boolean bench) {
        double[] p = places.get(r.nextInt(places.size()));
        String inspector = s.inspectors().get(r.nextInt(s.inspectors().size()));
        String matter = MATTERS[r.nextInt(MATTERS.length)];
        JsonObject c = call("report", inspector, "POST", "/api/cases", JSON.createObjectBuilder()
                .add("matter", matter).add("description", "模拟上报：" + matter).add("address", "模拟地址")
                .add("lon", p[0] + (r.nextDouble() - 0.5) * 0.0002).add("lat", p[1] + (r.nextDouble() - 0.5) * 0.0002)
                .build().toString());
        long id = c.getJsonNumber("id").longValue();
        double roll = r.nextDouble();
        if (bench) {
            return plainLoop(s, id, inspector);
        }
        if (roll < 0.05) {
            return leave(s.intake(), id, "reject", "{\"reason\":\"不属于城管职责\"}");
        }
        if (roll < 0.10) {
            act(s.intake(), id, "send_verification", "{\"inspector\":\"" + inspector + "\"}");
            if (r.nextBoolean()) {
                return "VERIFYING";
            }
            act(inspector, id, "confirm", "{}");
        }
        if (roll > 0.92) {
            return "REPORTED";
        }
        act(s.intake(), id, "accept", "{}");
        if (roll < 0.14) {
            return leave(s.lead(), id, "refuse", "{\"reason\":\"不符合立案条件\"}");
        }
        if (roll > 0.88) {
            return "PENDING_FILING";
        }
        act(s.lead(), id, "file", roll < 0.17 ? "{\"caseClass\":\"URGENT\"}" : roll < 0.22
                ? "{\"caseClass\":\"DIFFICULT\"}" : "{}");
        if (roll > 0.84) {
            return "PENDING_DISPATCH";
        }
        JsonObject d = act(s.dispatcher(), id, "dispatch", "{}");
        String dept = d.getString("departmentId", null);
        String handler = departmentUsers.get(dept);
        if (handler == null) {
            return "HANDLING (no department user)";
        }
        if (roll > 0.78) {
            if (r.nextBoolean()) {
                act(s.leader(), id, "urge", "{\"text\":\"请尽快处置\"}");
            }
            return "HANDLING";
        }
        if (roll < 0.27) {
            act(handler, id, "request_return", "{\"reason\":\"非本单位职责\"}");
            act(s.dispatcher(), id, "approve_return", "{}");
            d = act(s.dispatcher(), id, "dispatch", "{}");
            handler = departmentUsers.getOrDefault(d.getString("departmentId", null), handler);
        } else if (roll < 0.32) {
            act(handler, id, "request_extension", "{\"reason\":\"材料待到货\",\"extension\":\"1工作日\"}");
            act(s.dispatcher(), id, "approve_extension", "{}");
        } else if (roll < 0.36) {
            act(handler, id, "request_suspension", "{\"reason\":\"需产权单位配合\"}");
            act(s.dispatcher(), id, "approve_suspension", "{}");
            if (r.nextBoolean()) {
                return "SUSPENDED";
            }
            act(s.dispatcher(), id, "resume", "{}");
        }
        act(handler, id, "feedback", "{\"result\":\"已处置完毕\"}");
        if (roll > 0.74) {
            return "FED_BACK";
        }
        act(s.intake(), id, "send_check", "{\"inspector\":\"" + inspector + "\"}");
        if (roll < 0.42) {
            act(inspector, id, "fail", "{\"reason\":\"现场仍未处理干净\"}");
            act(handler, id, "feedback", "{\"result\":\"返工完成\"}");
            act(s.intake(), id, "send_check", "{\"inspector\":\"" + inspector + "\"}");
        }
        act(inspector, id, "pass", "{}");
        if (roll > 0.70) {
            return "PENDING_CLOSE";
        }
        return leave(s.lead(), id, "close", "{}");
    }

    private String plainLoop(Staff s, long id, String inspector) {
        act(s.intake(), id, "accept", "{}");
        act(s.lead(), id, "file", "{}");
        JsonObject d = act(s.dispatcher(), id, "dispatch", "{}");
        String handler = departmentUsers.get(d.getString("departmentId", null));
        if (handler == null) {
            throw new IllegalStateException("no user for department " + d.getString("departmentId", null));
        }
        act(handler, id, "feedback", "{\"result\":\"已处置\"}");
        act(s.intake(), id, "send_check", "{\"inspector\":\"" + inspector + "\"}");
        act(inspector, id, "pass", "{}");
        return leave(s.lead(), id, "close", "{}");
    }

    private String leave(String user, long id, String action, String body) {
        return act(user, id, action, body).getString("state");
    }

    private JsonObject act(String user, long id, String action, String body) {
        return call(action, user, "POST", "/api/cases/" + id + "/actions/" + action, body);
    }

    /** Centres of the node's grids (from its own GeoJSON export). */
    private List<double[]> gridCentres(String reader) {
        JsonObject fc = JSON.createReader(new StringReader(send(null, reader, "GET", "/api/grids", null,
                token(reader)))).readObject();
        List<double[]> out = new ArrayList<>();
        for (JsonValue f : fc.getJsonArray("features")) {
            JsonObject g = f.asJsonObject().getJsonObject("geometry");
            JsonArray ring = "Polygon".equals(g.getString("type")) ? g.getJsonArray("coordinates").getJsonArray(0)
                    : g.getJsonArray("coordinates").getJsonArray(0).getJsonArray(0);
            double x = 0;
            double y = 0;
            int n = ring.size() - 1;
            for (int i = 0; i < n; i++) {
                x += ring.getJsonArray(i).getJsonNumber(0).doubleValue();
                y += ring.getJsonArray(i).getJsonNumber(1).doubleValue();
            }
            out.add(new double[] {x / n, y / n});
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("the node has no unit grids: import them first");
        }
        return out;
    }

    /** One member per department (the department's handler in the simulation). */
    private Map<String, String> departmentUsers(String reader) {
        JsonArray list = JSON.createReader(new StringReader(send(null, reader, "GET", "/api/departments", null,
                token(reader)))).readArray();
        Map<String, String> m = new HashMap<>();
        for (JsonValue v : list) {
            JsonObject d = v.asJsonObject();
            JsonArray members = d.getJsonArray("members");
            if (members != null && !members.isEmpty()) {
                m.put(d.getString("id"), members.getString(0));
            }
        }
        return m;
    }

    private JsonObject call(String kind, String user, String method, String path, String body) {
        String text = send(kind, user, method, path, body, token(user));
        return JSON.createReader(new StringReader(text)).readObject();
    }

    private String token(String user) {
        return tokens.computeIfAbsent(user, u -> {
            String body = JSON.createObjectBuilder().add("username", u).add("password", password).build().toString();
            String text = send(null, u, "POST", "/api/auth/login", body, null);
            return JSON.createReader(new StringReader(text)).readObject().getString("token");
        });
    }

    /** Sends one request; {@code kind} non-null: a lifecycle call, timed under that name. */
    private String send(String kind, String user, String method, String path, String body, String token) {
        long t0 = System.nanoTime();
        int status;
        String text;
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
            c.setRequestMethod(method);
            c.setConnectTimeout(10_000);
            c.setReadTimeout(60_000);
            c.setRequestProperty("Accept", "application/json");
            if (token != null) {
                c.setRequestProperty("Authorization", "Bearer " + token);
            }
            if (body != null) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                c.setFixedLengthStreamingMode(bytes.length);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(bytes);
                }
            }
            status = c.getResponseCode();
            // reading the body to its end and closing the stream hands the connection back for keep-alive
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        }
        if (kind != null) {
            long micros = (System.nanoTime() - t0) / 1000;
            latenciesMicros.add(micros);
            latenciesByCall.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>())).add(micros);
            calls.incrementAndGet();
        }
        if (status >= 300) {
            throw new IllegalStateException(user + " " + method + " " + path + " → HTTP " + status + " "
                    + text.substring(0, Math.min(600, text.length())));
        }
        return text;
    }
}
