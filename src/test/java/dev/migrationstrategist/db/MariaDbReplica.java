package dev.migrationstrategist.db;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway MariaDB primary (binary log on) and a replica of it, both under one temp directory on free loopback
 * ports, made with mariadb-install-db and mariadbd (as root they run as root, said explicitly); root may connect
 * without a password from 127.0.0.1 (created through the socket, not replicated). {@link #close()} kills both and
 * deletes the directory.
 */
final class MariaDbReplica implements AutoCloseable {
    static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");
    static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    static final Path CLIENT = Path.of("/usr/bin/mariadb");
    private final Path dir;
    private final int primaryPort;
    private final int replicaPort;
    private final List<Process> servers = new ArrayList<>();

    static String missing() {
        for (Path tool : List.of(INSTALL, SERVER, CLIENT)) {
            if (!Files.isExecutable(tool)) {
                return tool + " not found";
            }
        }
        return null;
    }

    MariaDbReplica() throws IOException, InterruptedException, SQLException {
        dir = Files.createTempDirectory("strategist-mdb-replica");
        primaryPort = freePort();
        replicaPort = freePort();
        try {
            start("primary", primaryPort, 1, "--log-bin=binlog");
            start("replica", replicaPort, 2, "--read-only=1");
            try (Connection c = DriverManager.getConnection(replicaUrl()); Statement st = c.createStatement()) {
                st.execute("CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = " + primaryPort
                        + ", MASTER_USER = 'root', MASTER_PASSWORD = '', MASTER_USE_GTID = no");
                st.execute("START SLAVE");
            }
        } catch (IOException | InterruptedException | SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    String primaryUrl() {
        return "jdbc:mariadb://127.0.0.1:" + primaryPort + "/test?user=root";
    }

    String replicaUrl() {
        return "jdbc:mariadb://127.0.0.1:" + replicaPort + "/test?user=root";
    }

    private void start(String name, int port, int serverId, String extra) throws IOException, InterruptedException,
            SQLException {
        Path data = dir.resolve(name);
        Files.createDirectories(data);
        List<String> common = new ArrayList<>(List.of("--no-defaults", "--datadir=" + data));
        if ("root".equals(System.getProperty("user.name"))) {
            common.add("--user=root");
        }
        List<String> install = new ArrayList<>(List.of(INSTALL.toString()));
        install.addAll(common);
        install.addAll(List.of("--skip-test-db", "--auth-root-authentication-method=normal"));
        exec(install);
        List<String> server = new ArrayList<>(List.of(SERVER.toString()));
        server.addAll(common);
        server.addAll(List.of("--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve(name
                + ".sock"), "--pid-file=" + dir.resolve(name + ".pid"), "--server-id=" + serverId,
                "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=16M",
                "--log-error=" + dir.resolve(name + ".err"), extra));
        servers.add(new ProcessBuilder(server).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile()).start());
        List<String> grant = List.of(CLIENT.toString(), "--no-defaults", "--socket=" + dir.resolve(name + ".sock"),
                "-uroot", "-e", "SET sql_log_bin = 0; CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';"
                        + " GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
                        + " CREATE DATABASE IF NOT EXISTS test");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                exec(grant);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("mariadbd " + name + " did not start: " + e.getMessage() + "; "
                            + Files.readString(dir.resolve(name + ".err")));
                }
                Thread.sleep(200);
            }
        }
    }

    private static void exec(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
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
        for (Process p : servers) {
            p.destroyForcibly();
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
