package dev.migrationstrategist.plan;

import dev.migrationstrategist.error.Limits;
import dev.migrationstrategist.error.StrategistException;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Settings that shape a plan. Validated on construction with a message naming the setting and its bound.
 *
 * @param rows           known row counts by table name (lower case); a table not listed is treated as large
 * @param largeTableRows below this many rows a table may take the direct statement
 * @param appVersion     the application version running now, e.g. "1.0"; releases count up from it
 * @param target         the server and database read with {@code plan --db} (for the online schema-change tools'
 *                       commands); null when State A came from DDL
 */
public record PlanOptions(int batchSize, SyncMode sync, Duration lockTimeout, long largeTableRows,
                          Map<String, Long> rows, String appVersion, LiveTarget target) {
    public static final int DEFAULT_BATCH_SIZE = 10_000;
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);
    public static final long DEFAULT_LARGE_TABLE_ROWS = 1_000_000L;

    public PlanOptions {
        checkBatchSize(batchSize);
        Objects.requireNonNull(sync, "sync");
        checkLockTimeout(lockTimeout);
        checkLargeTableRows(largeTableRows);
        TreeMap<String, Long> copy = new TreeMap<>();
        rows.forEach((table, n) -> copy.put(table.toLowerCase(java.util.Locale.ROOT), checkRows(table, n)));
        rows = java.util.Collections.unmodifiableMap(copy);
        checkAppVersion(appVersion);
    }

    /** Without a live target (State A from DDL). */
    public PlanOptions(int batchSize, SyncMode sync, Duration lockTimeout, long largeTableRows,
                       Map<String, Long> rows, String appVersion) {
        this(batchSize, sync, lockTimeout, largeTableRows, rows, appVersion, null);
    }

    /* One check per setting, used here and by Strategist.Builder's setters, so a value is refused when it is set,
       before a live database is read. */

    public static int checkBatchSize(int value) {
        if (value <= 0) {
            throw StrategistException.invalidSetting("batch size", " " + value + ": must be a positive number of rows");
        }
        return (int) Limits.number("batch size", value, 1, Limits.MAX_BATCH_SIZE);
    }

    public static Duration checkLockTimeout(Duration value) {
        Objects.requireNonNull(value, "lockTimeout");
        if (value.compareTo(Duration.ofMillis(1)) < 0) {
            throw StrategistException.invalidSetting("lock timeout", " " + Limits.show(value)
                    + ": must be at least 1 ms (0 would mean wait forever)");
        }
        return Limits.duration("lock timeout", value, Duration.ofMillis(1), Limits.MAX_LOCK_TIMEOUT);
    }

    public static long checkLargeTableRows(long value) {
        if (value < 0) {
            throw StrategistException.invalidSetting("large table rows", " " + value + ": cannot be negative");
        }
        return value;
    }

    public static long checkRows(String table, long value) {
        if (value < 0) {
            throw StrategistException.invalidSetting("rows", " " + table + "=" + value + ": a row count cannot be negative");
        }
        return value;
    }

    private static final java.util.regex.Pattern APP_VERSION = java.util.regex.Pattern.compile("\\d+(\\.\\d+)*");

    public static String checkAppVersion(String value) {
        if (value == null || !APP_VERSION.matcher(value).matches()) {
            throw StrategistException.invalidSetting("app version", " " + value + ": expected a version such as 1.0");
        }
        return value;
    }

    public static PlanOptions defaults() {
        return new PlanOptions(DEFAULT_BATCH_SIZE, SyncMode.TRIGGER, DEFAULT_LOCK_TIMEOUT, DEFAULT_LARGE_TABLE_ROWS,
                Map.of(), "1.0");
    }

    public PlanOptions withRows(Map<String, Long> newRows) {
        return new PlanOptions(batchSize, sync, lockTimeout, largeTableRows, newRows, appVersion, target);
    }

    public PlanOptions withSync(SyncMode newSync) {
        return new PlanOptions(batchSize, newSync, lockTimeout, largeTableRows, rows, appVersion, target);
    }

    public PlanOptions withBatchSize(int newBatchSize) {
        return new PlanOptions(newBatchSize, sync, lockTimeout, largeTableRows, rows, appVersion, target);
    }

    public PlanOptions withLockTimeout(Duration timeout) {
        return new PlanOptions(batchSize, sync, timeout, largeTableRows, rows, appVersion, target);
    }

    public PlanOptions withLargeTableRows(long threshold) {
        return new PlanOptions(batchSize, sync, lockTimeout, threshold, rows, appVersion, target);
    }

    public PlanOptions withTarget(LiveTarget value) {
        return new PlanOptions(batchSize, sync, lockTimeout, largeTableRows, rows, appVersion, value);
    }

    public PlanOptions withAppVersion(String version) {
        return new PlanOptions(batchSize, sync, lockTimeout, largeTableRows, rows, version, target);
    }
}
