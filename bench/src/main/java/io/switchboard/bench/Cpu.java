package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CPU time used by the processes under test, read from {@code /proc/<pid>/stat} (user + system), so a run can
 * say how much CPU each request cost the platform, the baseline and PostgreSQL, whatever else the machine does.
 */
final class Cpu {

    private static final double TICK_SECONDS = 0.01; // Linux USER_HZ is 100 on every mainstream build

    private final Map<String, Supplier<Double>> groups = new LinkedHashMap<>();

    /** Adds a named group of processes, looked up at each reading (PostgreSQL forks a backend per connection). */
    void track(String name, Supplier<List<Long>> pids) {
        groups.put(name, () -> pids.get().stream().mapToDouble(Cpu::seconds).sum());
    }

    /**
     * Adds a named group: a server and every process it has forked, those still running and those gone. PostgreSQL's
     * autovacuum workers live for a few tables each; once one exits, its CPU shows only in the postmaster's count of
     * its reaped children, which this adds.
     */
    void trackWithChildren(String name, long parent) {
        groups.put(name, () -> withChildren(parent).stream().mapToDouble(Cpu::seconds).sum() + reapedSeconds(parent));
    }

    /** Adds the CPU of the processes this one has forked and reaped. */
    void trackReaped(String name, long parent) {
        groups.put(name, () -> reapedSeconds(parent));
    }

    /** CPU seconds used so far by each group. */
    Map<String, Double> read() {
        Map<String, Double> out = new LinkedHashMap<>();
        groups.forEach((name, seconds) -> out.put(name, seconds.get()));
        return out;
    }

    /** CPU seconds used by each group between two readings. */
    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach((name, seconds) -> out.put(name, seconds - before.getOrDefault(name, 0.0)));
        return out;
    }

    /** The server process and its children: PostgreSQL's postmaster and backends. */
    static List<Long> withChildren(long parent) {
        List<Long> pids = new ArrayList<>();
        pids.add(parent);
        try (var dirs = Files.list(Path.of("/proc"))) {
            dirs.map(p -> p.getFileName().toString()).filter(s -> s.chars().allMatch(Character::isDigit)).forEach(pid -> {
                String[] fields = statFields(Long.parseLong(pid));
                if (fields != null && Long.parseLong(fields[1]) == parent) {
                    pids.add(Long.parseLong(pid));
                }
            });
        } catch (IOException e) {
            // /proc is always there on Linux; without it the figures are left out
        }
        return pids;
    }

    /** Of those processes, PostgreSQL's own background work (autovacuum, checkpoints, WAL writing), by title. */
    static List<Long> background(List<Long> pids) {
        return pids.stream().filter(pid -> {
            try {
                String title = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
                return title.contains("autovacuum") || title.contains("checkpointer") || title.contains("walwriter")
                        || title.contains("background writer") || title.contains("stats collector");
            } catch (IOException e) {
                return false;
            }
        }).toList();
    }

    private static double seconds(long pid) {
        String[] fields = statFields(pid);
        if (fields == null) {
            return 0;
        }
        // after the command name: state(0) ppid(1) ... utime(11) stime(12)
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_SECONDS;
    }

    private static double reapedSeconds(long pid) {
        String[] fields = statFields(pid);
        if (fields == null) {
            return 0;
        }
        // cutime(13) cstime(14): the children it has waited for
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * TICK_SECONDS;
    }

    /** The fields of /proc/pid/stat after the parenthesised command name, which may contain spaces. */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
