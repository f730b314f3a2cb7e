package dev.migrationstrategist.db;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL primary and a streaming standby of it, both under one temp directory on free loopback
 * ports, made with the server's own tools (initdb, pg_ctl, pg_basebackup -R). As root the tools run as the OS user
 * {@code postgres}. {@link #close()} stops both servers (immediate) and deletes the directory.
 */
final class PostgresStandby implements AutoCloseable {
    static final Path BIN = Path.of(System.getProperty("strategist.pgbin", "/usr/lib/postgresql/15/bin"));
    private final Path dir;
    private final int primaryPort;
    private final int standbyPort;
    private final List<String> started = new ArrayList<>();

    /** Why a standby cannot be made here, or null when the binaries are present. */
    static String missing() {
        for (String tool : List.of("initdb", "pg_ctl", "pg_basebackup", "postgres")) {
            if (!Files.isExecutable(BIN.resolve(tool))) {
                return BIN.resolve(tool) + " not found";
            }
        }
        return null;
    }

    PostgresStandby() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("strategist-standby", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        primaryPort = freePort();
        standbyPort = freePort();
        try {
            chownToPostgres(dir);
            Path primary = dir.resolve("primary");
            Path standby = dir.resolve("standby");
            run(BIN.resolve("initdb").toString(), "-D", primary.toString(), "-A", "trust", "-U", "postgres",
                    "--no-sync", "-E", "UTF8");
            Files.writeString(primary.resolve("postgresql.conf"), "\nlisten_addresses = '127.0.0.1'\n"
                    + "unix_socket_directories = '" + dir + "'\nfsync = off\nshared_buffers = 16MB\n"
                    + "max_wal_senders = 4\nwal_level = replica\n", java.nio.file.StandardOpenOption.APPEND);
            start(primary, primaryPort);
            run(BIN.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", String.valueOf(primaryPort),
                    "-U", "postgres", "-D", standby.toString(), "-R", "-X", "stream", "--no-sync");
            start(standby, standbyPort);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    String primaryUrl() {
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + "/postgres?user=postgres";
    }

    String standbyUrl() {
        return "jdbc:postgresql://127.0.0.1:" + standbyPort + "/postgres?user=postgres";
    }

    private void start(Path data, int port) throws IOException, InterruptedException {
        run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", data.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + dir, "-w", "-t", "30", "start");
        started.add(data.toString());
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void chownToPostgres(Path path) throws IOException, InterruptedException {
        if (root()) {
            exec(List.of("chown", "postgres", path.toString()));
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (root()) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(command));
        exec(cmd);
    }

    private static void exec(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                run(BIN.resolve("pg_ctl").toString(), "-D", started.get(i), "-m", "immediate", "-w", "stop");
            } catch (IOException | InterruptedException e) {
                System.err.println("could not stop the test server in " + started.get(i) + ": " + e.getMessage());
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
