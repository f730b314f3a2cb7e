package dev.migrationstrategist.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * What a statement does to a live table, as measured in docs/LOCKS.md: the lock it takes, what that lock blocks
 * while it is held (or queued), and whether the statement rewrites or scans the table.
 *
 * @param lock the lock, in the server's words ("ACCESS EXCLUSIVE on users"), or null when it takes no table lock
 */
public record Impact(String lock, boolean blocksReads, boolean blocksWrites, boolean rewrite, boolean scan) {
    public static final Impact NONE = new Impact(null, false, false, false, false);

    /** "reads, writes", "writes" or "nothing". */
    public String blocks() {
        List<String> b = new ArrayList<>();
        if (blocksReads) {
            b.add("reads");
        }
        if (blocksWrites) {
            b.add("writes");
        }
        return b.isEmpty() ? "nothing" : String.join(", ", b);
    }

    public List<String> blockedList() {
        List<String> b = new ArrayList<>();
        if (blocksReads) {
            b.add("reads");
        }
        if (blocksWrites) {
            b.add("writes");
        }
        return b;
    }

    /** True when the statement waits in the lock queue and stalls reads or writes behind it. */
    public boolean blocking() {
        return blocksReads || blocksWrites;
    }

    /** One line for people. */
    public String describe() {
        if (lock == null) {
            return "no table lock";
        }
        return lock + "; blocks " + blocks() + (rewrite ? "; rewrites the table" : scan ? "; scans the table" : "");
    }
}
