package dev.migrationstrategist.proof;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.plan.PlanOptions;
import dev.migrationstrategist.schema.Schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint of what a plan was made from: {@code sha256:} and the SHA-256 of one line of JSON,
 * {@code {"dialect":{"name":..,"version":..},"options":{..},"state_a":{..}}}, where the options are the plan's
 * "options" object (sync mode, batch size, lock timeout, large-table threshold, app version and every row count
 * that decided sizing, live ones included) and state_a is the {@link CanonicalState} of the State A objects the
 * plan touches. It is computed from the model, never from the file's text, so formatting a plan file does not
 * change it.
 */
public final class Fingerprint {
    public static final String PREFIX = "sha256:";

    private Fingerprint() {
    }

    public static String of(Dialect dialect, PlanOptions options, Schema touched) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode d = root.putObject("dialect");
        d.put("name", dialect.name());
        d.put("version", dialect.versionLabel());
        root.set("options", OptionsJson.of(options));
        root.set("state_a", CanonicalState.of(touched));
        return PREFIX + sha256(CanonicalState.text(root));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
