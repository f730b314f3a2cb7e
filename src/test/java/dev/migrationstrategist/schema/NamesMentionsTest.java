package dev.migrationstrategist.schema;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Names#mentions} finds exactly what the per-column regular expression it replaced found. */
class NamesMentionsTest {
    private static boolean byRegex(String expression, String name) {
        return Pattern.compile("(?i)(?<![\\w$])[\"`]?" + Pattern.quote(name) + "[\"`]?(?![\\w$])")
                .matcher(expression).find();
    }

    @Test
    void agreesWithTheRegularExpressionOnWrittenChecks() {
        List<String> names = List.of("qty", "Qty", "email", "email_2", "a$b", "Größe", "id", "x");
        List<String> expressions = List.of("qty >= 0", "(QTY > 0)", "\"qty\" IS NOT NULL", "`Qty` <> 1",
                "email_2 IS NOT NULL", "email IS NOT NULL AND email_2 IS NULL", "qty_old > 0", "old_qty > 0",
                "a$b > 1", "a$bc > 1", "größe > 0", "Größe > 0", "t.qty > 0", "length(email) > 3", "id", "x",
                "xx", "\"x\"", "x$", "$x", "lower(email::text) <> ''", "");
        for (String e : expressions) {
            for (String n : names) {
                assertThat(Names.mentions(e, n)).as(e + " / " + n).isEqualTo(byRegex(e, n));
            }
        }
    }

    @Test
    void agreesWithTheRegularExpressionOnRandomText() {
        Random r = new Random(7);
        String alphabet = "aAbB_$1 .\"`()<>=éÉ";
        for (int k = 0; k < 20_000; k++) {
            String e = random(r, alphabet, r.nextInt(12));
            String n = random(r, "aAbB_$1éÉ", 1 + r.nextInt(3));
            assertThat(Names.mentions(e, n)).as(e + " / " + n).isEqualTo(byRegex(e, n));
        }
    }

    private static String random(Random r, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
