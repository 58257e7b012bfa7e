package cn.cityops.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a node's uber-jar in {@link NodeProcessTest}: started by {@link NodeProcess} with the same command
 * line, it fails its first start the way a node whose deployment failed does ({@code FAKE_NODE_FAILS}: {@code exit}
 * — node-launcher's NODE-006 and status 3; {@code hang} — Payara's log line, then 404 on every path; {@code always} —
 * exits with status 3 every time) and serves {@code /health/ready} UP once started again.
 */
public final class FakeNode {

    private FakeNode() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[List.of(args).indexOf("--port") + 1]);
        String fails = System.getenv().getOrDefault("FAKE_NODE_FAILS", "exit");
        Path started = Path.of("started-before");
        boolean first = !Files.exists(started);
        Files.writeString(started, "yes");
        System.out.println("fake node starting on port " + port);
        if (fails.equals("always") || first && fails.equals("exit")) {
            System.out.println("SEVERE NODE-006 the node's application did not deploy; exiting with status 3");
            System.exit(3);
        }
        boolean deployed = !(first && fails.equals("hang"));
        if (!deployed) {
            System.out.println("SEVERE Exception while deploying the app [ROOT]");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            boolean up = deployed && exchange.getRequestURI().getPath().equals("/health/ready");
            byte[] body = (up ? "{\"status\":\"UP\"}" : "not found").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(up ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
