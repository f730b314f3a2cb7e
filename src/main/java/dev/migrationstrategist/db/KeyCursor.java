package dev.migrationstrategist.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A keyset backfill's cursor as one text, the form the state table's checkpoint and the logs hold: a one-column
 * key's value as the server writes it (as before composite keys existed, so an older checkpoint still resumes);
 * a composite key's values as a JSON array of texts in key order ({@code ["2022-02-01 00:00:00+00","17"]}), each
 * typed again by the server when it is bound.
 */
final class KeyCursor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyCursor() {
    }

    /** The key in the current row's first {@code columns} columns; null when its first column is NULL. */
    static String read(ResultSet rs, int columns) throws SQLException {
        if (columns == 1) {
            return rs.getString(1);
        }
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
            String v = rs.getString(i);
            if (v == null) {
                return null; // a key column is never NULL: this is "no key" (an aggregate over no rows)
            }
            values.add(v);
        }
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of column {@code part} of a key of {@code columns} columns; the whole text for a one-column key. */
    static String part(String cursor, int part, int columns) {
        if (columns == 1) {
            return cursor;
        }
        try {
            List<String> values = JSON.readValue(cursor, new TypeReference<List<String>>() { });
            if (values.size() != columns) {
                throw new IllegalStateException("checkpoint " + cursor + " has " + values.size() + " key values, the"
                        + " key has " + columns + " columns");
            }
            return values.get(part);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("checkpoint " + cursor + " is not a key of " + columns + " columns", e);
        }
    }
}
