package dev.migrationstrategist.input;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.Schema;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads files as UTF-8 text with one clear error line when they cannot be read, and dispatches change inputs. */
public final class Inputs {
    private Inputs() {
    }

    /**
     * Reads SQL given inline (not from a file): its errors name the setting {@code sql} with the position in the
     * text ({@code sql:1:8: cannot parse SQL ...}), which a front end may call by its own name.
     */
    public static List<ChangeRequest> readSql(SqlChangeReader reader, String text) {
        try {
            return reader.read(text, INLINE_SQL);
        } catch (StrategistException e) {
            if (e.setting().isEmpty() && e.getMessage() != null && e.getMessage().startsWith(INLINE_SQL + ":")) {
                throw StrategistException.invalidSetting(INLINE_SQL, e.getMessage().substring(INLINE_SQL.length()));
            }
            throw e;
        }
    }

    /** The source name of SQL given inline. */
    public static final String INLINE_SQL = "sql";

    /** {@link #readFile} for a file named by a setting ({@code schema}, {@code plan}): errors name the setting. */
    public static String readSetting(Path path, String setting) {
        try {
            return readFile(path, setting);
        } catch (StrategistException e) {
            if (e.setting().isEmpty() && e.getMessage() != null && e.getMessage().startsWith(setting + " ")) {
                throw StrategistException.invalidSetting(setting, e.getMessage().substring(setting.length()));
            }
            throw e;
        }
    }

    public static String readFile(Path path, String what) {
        if (!Files.exists(path)) {
            throw StrategistException.invalid(what + " " + path + ": no such file");
        }
        if (Files.isDirectory(path)) {
            throw StrategistException.invalid(what + " " + path + ": is a directory, expected a file");
        }
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw StrategistException.invalid(what + " " + path + ": not UTF-8 text");
        } catch (IOException e) {
            throw StrategistException.invalid(what + " " + path + ": cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /**
     * Reads change arguments: each is a phrase ({@code "rename column users.name to full_name"}) or a file of
     * SQL statements. Plus the {@code --sql} strings, in order.
     */
    public static List<ChangeRequest> changes(List<String> arguments, List<String> sqlTexts, Dialect dialect) {
        return changes(arguments, sqlTexts, dialect, Schema.empty());
    }

    /** As above, with State A, so that a MySQL {@code MODIFY} is read as the differences to the existing column. */
    public static List<ChangeRequest> changes(List<String> arguments, List<String> sqlTexts, Dialect dialect,
                                              Schema schema) {
        List<ChangeRequest> out = new ArrayList<>();
        SqlChangeReader sql = new SqlChangeReader(dialect, schema);
        for (String text : sqlTexts) {
            if (text.isBlank()) {
                throw StrategistException.invalidSetting("sql", ": empty; give the statement to plan, e.g. \"ALTER TABLE"
                        + " users RENAME COLUMN name TO full_name\"");
            }
            out.addAll(readSql(sql, text));
        }
        PhraseReader phrases = new PhraseReader(dialect);
        for (String arg : arguments) {
            Path path = pathOrNull(arg);
            if (path == null || !Files.exists(path) && isPhrase(arg)) {
                out.add(phrases.read(arg));
                continue;
            }
            String text = readFile(path, "change file");
            if (text.isBlank()) {
                throw StrategistException.invalid("change file " + arg + ": is empty");
            }
            if (ChangeFileReader.handles(arg)) {
                out.addAll(new ChangeFileReader(dialect, schema).read(text, arg));
                continue;
            }
            out.addAll(sql.read(text, arg));
        }
        return out;
    }

    /**
     * A missing argument is read as a phrase when it looks like one, or when it has words but not the shape of a
     * file name ({@code "rename colum users.name to x"}), so a mistyped phrase gets the phrase reader's error
     * pointing at the word, and a mistyped file name gets "no such file".
     */
    private static boolean isPhrase(String arg) {
        String t = arg.trim();
        if (PhraseReader.looksLikePhrase(t)) {
            return true;
        }
        boolean hasWords = t.split("\\s+").length >= 3;
        boolean fileShaped = t.contains("/") || t.contains("\\") || t.matches("(?is).*\\.(sql|ddl|txt|ya?ml|json)");
        return hasWords && !fileShaped;
    }

    private static Path pathOrNull(String arg) {
        try {
            return Path.of(arg);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
