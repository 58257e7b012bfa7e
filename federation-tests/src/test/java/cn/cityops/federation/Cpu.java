package cn.cityops.federation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system, from /proc) of the node process and of the PostgreSQL backends serving database
 * {@code db} (their process title starts with "postgres: db "): a figure that other load on the machine hardly
 * changes, unlike latency. Backends that exit between two readings lose their share (the pool keeps them open).
 * {@code clientMillis} is this JVM's own CPU time (the benchmark's HTTP clients, JSON, bookkeeping, GC): node,
 * database and clients share the machine's cores, so all three count against a throughput target.
 */
record Cpu(double nodeMillis, double dbMillis, double clientMillis) {
    static final double MILLIS_PER_TICK = 10; // USER_HZ is 100 on Linux

    static Cpu of(long nodePid, String db) {
        double node = ticks(Path.of("/proc", String.valueOf(nodePid), "stat"));
        double pg = 0;
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                if (!d.getFileName().toString().matches("[0-9]+")) {
                    continue;
                }
                try {
                    String cmd = new String(Files.readAllBytes(d.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmd.startsWith("postgres: " + db + " ")) {
                        pg += ticks(d.resolve("stat"));
                    }
                } catch (java.io.IOException e) {
                    // the process ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            return new Cpu(Double.NaN, Double.NaN, Double.NaN);
        }
        return new Cpu(node * MILLIS_PER_TICK, pg * MILLIS_PER_TICK, selfNanos() / 1e6);
    }

    /** CPU time of this JVM (all threads), from the platform's OperatingSystemMXBean; NaN where unsupported. */
    private static double selfNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            long t = os.getProcessCpuTime();
            return t < 0 ? Double.NaN : t;
        }
        return Double.NaN;
    }

    private static double ticks(Path stat) {
        try {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    Cpu minus(Cpu before) {
        return new Cpu(nodeMillis - before.nodeMillis, dbMillis - before.dbMillis,
                clientMillis - before.clientMillis);
    }
}
