package dev.migrationstrategist.db.kill;

import dev.migrationstrategist.cli.Main;
import dev.migrationstrategist.db.FaultPoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code strategist apply} (or {@code rollback}): either a real JVM of its own ({@code java -cp <test classpath>
 * dev.migrationstrategist.cli.Main apply ...}, stdout and stderr merged and collected line by line, the fault point
 * set through the environment), or the same command line run in-process ({@link Main#run}) for the runs that are
 * not killed. With {@code -Dkilltest.fork=all} every run is a JVM of its own.
 */
final class ApplyProcess {
    static final int SIGKILL_EXIT = 128 + 9;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final Integer inProcessExit;

    private ApplyProcess(Process process, Integer inProcessExit, List<String> output) {
        this.process = process;
        this.inProcessExit = inProcessExit;
        if (output != null) {
            lines.addAll(output);
        }
        if (process != null) {
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // killed
                }
            }, "apply-output");
            reader.setDaemon(true);
            reader.start();
        } else {
            reader = null;
        }
    }

    /** {@code args}: the command ({@code apply} or {@code rollback}) and its options. */
    static List<String> command(KillDb db, Path plan, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(args.get(0), "--db", db.applyUrl(), "--plan", plan.toString()));
        if (db.db().user() != null) {
            cmd.addAll(List.of("--user", db.db().user()));
        }
        cmd.addAll(args.subList(1, args.size()));
        return cmd;
    }

    /** A JVM of its own; {@code faultSpec} null runs it without the fault point. */
    static ApplyProcess fork(KillDb db, Path plan, List<String> args, String faultSpec) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(command(db, plan, args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove(FaultPoint.ENV);
        if (faultSpec != null) {
            pb.environment().put(FaultPoint.ENV, faultSpec);
        }
        pb.environment().put("STRATEGIST_NO_PROGRESS_BAR", "1");
        String password = db.db().password();
        if (password != null && !password.isEmpty()) {
            pb.environment().put("STRATEGIST_DB_PASSWORD", password);
        }
        return new ApplyProcess(pb.start(), null, null);
    }

    /** The same command line, in this JVM (no fault point: the test JVM does not set it). */
    static ApplyProcess inProcess(KillDb db, Path plan, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                command(db, plan, args).toArray(String[]::new));
        List<String> output = new ArrayList<>(out.toString().lines().toList());
        output.addAll(err.toString().lines().toList());
        return new ApplyProcess(null, exit, output);
    }

    /** An unkilled run: forked when {@code -Dkilltest.fork=all}, else in-process. */
    static ApplyProcess run(KillDb db, Path plan, List<String> args, long timeoutMillis) throws Exception {
        if (!"all".equals(System.getProperty("killtest.fork"))) {
            return inProcess(db, plan, args);
        }
        ApplyProcess p = fork(db, plan, args, null);
        p.awaitExit(timeoutMillis);
        return p;
    }

    List<String> lines() {
        return lines;
    }

    /**
     * Waits for the marker line {@code STRATEGIST-FAULT-POINT <kind> N LABEL} with one of {@code labels}; returns
     * the label, or null when the process ended first (the point was not reached) or the time ran out.
     */
    String awaitMarker(String kind, List<String> labels, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        String prefix = FaultPoint.MARKER + " " + kind + " ";
        while (System.currentTimeMillis() < deadline) {
            for (String line : lines) {
                if (line.startsWith(prefix)) {
                    String label = line.substring(prefix.length()).replaceFirst("^\\d+ ", "");
                    if (labels.contains(label)) {
                        return label;
                    }
                }
            }
            if (process == null || !process.isAlive()) {
                reader.join(2_000);
                return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())
                        .replaceFirst("^\\d+ ", "")).filter(labels::contains).findFirst().orElse(null);
            }
            Thread.sleep(5);
        }
        return null;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Lets a paused run go on. */
    void resume() throws IOException {
        OutputStream in = process.getOutputStream();
        in.write('\n');
        in.flush();
    }

    /** SIGKILL ({@link Process#destroyForcibly} on Linux); returns the exit code (137 = 128 + SIGKILL). */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("apply did not die within 30 s of SIGKILL");
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /** The exit code; -1 if it did not end in time (it is then killed). */
    int awaitExit(long millis) throws InterruptedException {
        if (process == null) {
            return inProcessExit;
        }
        if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
            kill();
            lines.add("[kill test] apply did not end within " + millis + " ms and was killed");
            return -1;
        }
        reader.join(5_000);
        return process.exitValue();
    }

    int exit() {
        return process == null ? inProcessExit : process.exitValue();
    }

    /** The one line apply ends with when it fails ({@code strategist: ...}), else the last line. */
    String failureLine() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("strategist:")) {
                return lines.get(i);
            }
        }
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }

    /** The output without the fault-point list lines. */
    String log() {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            if (!l.startsWith(FaultPoint.MARKER + " at ")) {
                sb.append("    | ").append(l).append('\n');
            }
        }
        return sb.toString();
    }
}
