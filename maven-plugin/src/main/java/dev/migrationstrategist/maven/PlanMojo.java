package dev.migrationstrategist.maven;

import dev.migrationstrategist.api.FlywayFolder;
import dev.migrationstrategist.api.LiveDatabase;
import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.error.StrategistException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code strategist:plan}: plans the changes as {@code strategist plan} does, writes the Markdown and JSON reports,
 * and with {@code emitFlyway} the plan as Flyway migrations. Not bound to a phase: run it when you plan a change
 * ({@code mvn strategist:plan -Dstrategist.sql="..."}) or bind it in an execution.
 */
@Mojo(name = "plan", threadSafe = true)
public final class PlanMojo extends AbstractMojo {
    /** Change files ({@code .sql}, {@code .yaml}, {@code .json}) or phrases. */
    @Parameter(property = "strategist.changes")
    private List<String> changes;

    /** Naive SQL to plan. */
    @Parameter(property = "strategist.sql")
    private List<String> sql;

    @Parameter(property = "strategist.dialect")
    private String dialect;

    /** State A as DDL. */
    @Parameter(property = "strategist.schema")
    private File schemaFile;

    /** State A and table sizes from a live database (read only). */
    @Parameter(property = "strategist.db")
    private String db;

    @Parameter(property = "strategist.user")
    private String user;

    /** The password (prefer the environment variable {@code STRATEGIST_DB_PASSWORD}; never logged). */
    @Parameter(property = "strategist.password")
    private String password;

    /** Row counts by table name ({@code <rows><users>50000000</users></rows>}; a table with none is large). */
    @Parameter
    private Map<String, String> rows;

    @Parameter(property = "strategist.sync")
    private String sync;

    @Parameter(property = "strategist.batchSize")
    private Integer batchSize;

    /** Lock timeout in milliseconds. */
    @Parameter(property = "strategist.lockTimeoutMillis")
    private Long lockTimeoutMillis;

    @Parameter(property = "strategist.appVersion")
    private String appVersion;

    /** Where the two reports go. */
    @Parameter(property = "strategist.out", defaultValue = "${project.build.directory}/migration-strategist")
    private File outputDirectory;

    /** Also write the plan as Flyway migrations into this folder (e.g. src/main/resources/db/migration). */
    @Parameter(property = "strategist.emitFlyway")
    private File emitFlyway;

    /** The first Flyway version (default: one past the highest in the folder). */
    @Parameter(property = "strategist.emitVersion")
    private Integer emitVersion;

    @Override
    public void execute() throws MojoExecutionException {
        List<String> arguments = changes == null ? List.of() : changes;
        List<String> sqlTexts = sql == null ? List.of() : sql;
        if (arguments.isEmpty() && sqlTexts.isEmpty()) {
            throw new MojoExecutionException("strategist plan: nothing to plan: give <changes> or <sql>"
                    + " (-Dstrategist.sql=\"ALTER TABLE ...\")");
        }
        try {
            Strategist.Builder b = Strategist.configure();
            if (dialect != null && !dialect.isBlank()) {
                b.dialect(dialect);
            }
            if (schemaFile != null) {
                b.schemaFile(schemaFile.toPath());
            }
            if (db != null && !db.isBlank()) {
                String pw = password != null ? password : System.getenv("STRATEGIST_DB_PASSWORD");
                b.liveDatabase(LiveDatabase.of(db, user, pw));
            }
            if (rows != null) {
                for (Map.Entry<String, String> e : rows.entrySet()) {
                    b.rows(e.getKey(), rowCount(e.getKey(), e.getValue()));
                }
            }
            if (sync != null) {
                b.sync(sync);
            }
            if (batchSize != null) {
                b.batchSize(batchSize);
            }
            if (lockTimeoutMillis != null) {
                b.lockTimeout(Duration.ofMillis(lockTimeoutMillis));
            }
            if (appVersion != null) {
                b.appVersion(appVersion);
            }
            PlanResult result = b.load().plan(new ArrayList<>(arguments), new ArrayList<>(sqlTexts));
            List<Path> written = result.write(outputDirectory.toPath());
            getLog().info("strategist plan: " + result.plan().steps().size() + " steps; reports " + written);
            if (emitFlyway != null) {
                FlywayFolder folder = result.writeFlyway(emitFlyway.toPath(), emitVersion);
                getLog().info("strategist plan: " + folder.migrations().size() + " Flyway migrations from V"
                        + folder.firstVersion() + " in " + folder.directory() + " (release boundaries in "
                        + FlywayFolder.README + ")");
            }
        } catch (StrategistException e) {
            throw new MojoExecutionException("strategist plan: " + Messages.of(e));
        }
    }

    private static long rowCount(String table, String value) throws MojoExecutionException {
        try {
            long n = Long.parseLong(value == null ? "" : value.strip().replace("_", ""));
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MojoExecutionException("strategist plan: <rows><" + table + ">" + value
                + ": expected a row count (0 or more)");
    }
}
