package dev.migrationstrategist.cli;

import dev.migrationstrategist.api.LiveDatabase;
import picocli.CommandLine.Option;

/** The live-database options shared by apply, status and rollback. The password is never echoed or logged. */
public final class DbOptions {
    @Option(names = "--db", paramLabel = "JDBC_URL", required = true,
            description = "The database, e.g. jdbc:postgresql://127.0.0.1:5432/app or jdbc:mariadb://127.0.0.1:3306/app.")
    String url;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Database user (else the one in the URL).")
    String user;

    @Option(names = {"-p", "--password"}, interactive = true, arity = "0..1", paramLabel = "PASSWORD",
            description = "Prompt for the password. Else the URL's password or the STRATEGIST_DB_PASSWORD variable.")
    char[] password;

    LiveDatabase database() {
        return LiveDatabase.of(url, user, passwordText());
    }

    private String passwordText() {
        return password != null ? new String(password) : System.getenv(ErrorHandling.PASSWORD_VARIABLE);
    }
}
