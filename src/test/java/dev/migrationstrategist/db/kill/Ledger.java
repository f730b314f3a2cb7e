package dev.migrationstrategist.db.kill;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * What the application believes it committed: for each row key ({@code table:id}) its logical values as State B
 * holds them, and the writer statements that failed. A value is a {@link String} (exact; null is SQL NULL) or a
 * {@link Pattern} (a volatile default: its shape is known, not its value). A write that failed has an unknown
 * outcome: the row may hold the value before or the one attempted (both are accepted; the failure itself is
 * reported on its own).
 */
final class Ledger {
    /** A row that must not exist. */
    static final List<Object> ABSENT = Collections.unmodifiableList(new ArrayList<>());

    private final Map<String, List<List<Object>>> rows = new ConcurrentHashMap<>();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong errorCount = new AtomicLong();
    private final AtomicLong announced = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();

    /** The candidates for a key the application wrote, or null if it never wrote it. */
    List<List<Object>> written(String key) {
        return rows.get(key);
    }

    Map<String, List<List<Object>>> all() {
        return rows;
    }

    void committed(String key, List<Object> values) {
        rows.put(key, List.of(values));
        writes.incrementAndGet();
    }

    /** The write failed: the row now holds what it held before or what was attempted. */
    void unknown(String key, List<List<Object>> before, List<Object> attempted) {
        List<List<Object>> both = new ArrayList<>(before);
        both.add(attempted);
        rows.put(key, both);
    }

    void read() {
        reads.incrementAndGet();
    }

    void error(String text) {
        errorCount.incrementAndGet();
        if (errors.size() < 20) {
            errors.add(text);
        }
    }

    void announcedError() {
        announced.incrementAndGet();
    }

    long errorCount() {
        return errorCount.get();
    }

    List<String> errors() {
        return errors;
    }

    long announced() {
        return announced.get();
    }

    long writes() {
        return writes.get();
    }

    long reads() {
        return reads.get();
    }

    static boolean matches(List<Object> expected, List<String> actual) {
        if (expected == ABSENT || actual == null) {
            return expected == ABSENT && actual == null;
        }
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            Object e = expected.get(i);
            String a = actual.get(i);
            if (e instanceof Pattern p ? a == null || !p.matcher(a).matches() : !Objects.equals(e, a)) {
                return false;
            }
        }
        return true;
    }
}
