package dev.migrationstrategist.input;

/** A hand-written DDL reader met text it cannot read: where (offset in the statement) and what it found. */
final class DdlSyntaxException extends RuntimeException {
    private final int offset;
    private final String found;

    DdlSyntaxException(int offset, String found) {
        super("unexpected " + found + " at offset " + offset);
        this.offset = offset;
        this.found = found;
    }

    int offset() {
        return offset;
    }

    String found() {
        return found;
    }
}
