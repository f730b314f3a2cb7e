package dev.migrationstrategist.secrets;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that keeps passwords out of what the product prints, logs or stores. {@link #mask(String)} hides
 * every password a text shows in a form it can recognise; an instance also knows the passwords of a connection and
 * replaces them wherever they appear, since a driver may echo a password without its key (MariaDB's "Incorrect port
 * value : Secret@host" for a URL with userinfo).
 *
 * <p>Recognised forms: userinfo ({@code //user:Secret@host}, the password running to the last {@code @} that a
 * host follows, so {@code @ : /} inside it are covered; a query value with an {@code @} may hide more than the
 * password, never less); any {@code key=value} whose key contains {@code password},
 * {@code passwd}, {@code pwd} or {@code secret} ({@code password}, {@code sslpassword}, {@code sslkey-password},
 * {@code keyStorePassword}, {@code trustStorePassword}, {@code client_secret}), its value running to the next
 * {@code &} (the drivers' only separator, so {@code ; ? , :} inside a value are covered), whitespace or the end,
 * or to the closing quote when quoted; and MariaDB's {@code address=(host=h)(password=Secret)}, its value running
 * to the parenthesis.
 *
 * @param values the known passwords, longest first (a password that contains another is replaced whole)
 */
public record Secrets(List<String> values) {
    private static final String REDACTED = "***";
    private static final String KEY = "[\\w.\\-]*(?:password|passwd|pwd|secret)[\\w.\\-]*";
    private static final Pattern USERINFO = Pattern.compile(
            "(//[^:/@\\s]*:)(\\S*)@(?=[\\w.\\-\\[\\]:%]*(?:[/?,;)'\"]|\\s|$))");
    private static final Pattern IN_PARENS = Pattern.compile("(?i)(\\(\\s*" + KEY + "\\s*=)([^)]*)");
    // a value already masked ("***" then a separator) stays as it is: a message quoting a masked URL keeps its ':'
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)((?<![\\w.\\-(])" + KEY + "[ \\t]*=[ \\t]*)(\\*\\*\\*(?=[:,;)'\"&\\s]|$)|\"[^\"]*\"?|'[^']*'?|[^&\\s]*)");
    /** A password shorter than this is replaced only where it stands alone, not inside longer words. */
    private static final int SHORT = 4;
    private static final String PIECE_SEPARATORS = ":/@?&;,=";

    public Secrets {
        Set<String> unique = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null && !v.isEmpty() && !v.equals(REDACTED)) {
                unique.add(v);
            }
        }
        List<String> sorted = new ArrayList<>(unique);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        values = List.copyOf(sorted);
    }

    public static Secrets none() {
        return new Secrets(List.of());
    }

    /** Passwords given as they are (null and empty ones are ignored), with their URL-decoded forms. */
    public static Secrets of(String... passwords) {
        List<String> all = new ArrayList<>();
        for (String p : passwords) {
            addWithDecoded(all, p);
        }
        return new Secrets(all);
    }

    /** Every password a JDBC URL (or any text) carries in a recognised form, raw and URL-decoded. */
    public static Secrets in(String url) {
        List<String> found = new ArrayList<>();
        if (url != null) {
            collect(USERINFO.matcher(url), found);
            collect(IN_PARENS.matcher(url), found);
            Matcher m = KEY_VALUE.matcher(url);
            while (m.find()) {
                addWithDecoded(found, unquote(m.group(2)));
            }
        }
        return new Secrets(found);
    }

    public Secrets and(Secrets other) {
        List<String> all = new ArrayList<>(values);
        all.addAll(other.values);
        return new Secrets(all);
    }

    /** Hides every password {@code text} shows in a recognised form; null stays null. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = USERINFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED + "@"));
        out = IN_PARENS.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED));
        return KEY_VALUE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED));
    }

    /** Replaces every known password, then {@link #mask(String) masks} what is left; null stays null. */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String v : values) {
            out = v.length() >= SHORT ? out.replace(v, REDACTED)
                    : out.replaceAll("(?<![\\p{Alnum}])" + Pattern.quote(v) + "(?![\\p{Alnum}])", REDACTED);
        }
        return mask(out);
    }

    /** A throwable's stack trace, causes included, scrubbed: for {@code --verbose}. */
    public String stackTrace(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return scrub(text.toString());
    }

    /** Never the values: a record's default toString would print them. */
    @Override
    public String toString() {
        return "Secrets[" + values.size() + " known]";
    }

    private static void collect(Matcher m, List<String> found) {
        while (m.find()) {
            addWithDecoded(found, m.group(2).trim());
        }
    }

    private static void addWithDecoded(List<String> out, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        addWithPieces(out, value);
        if (value.indexOf('%') >= 0) {
            try {
                // '+' stays '+': JDBC drivers decode percent escapes only
                addWithPieces(out, URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notEncoded) {
                // a literal '%' in the password: the raw form is all there is
            }
        }
    }

    /**
     * The value and every run of it between separators that a URL parser splits at ({@code : / @ ? & ; , =}), of
     * at least {@value #SHORT} characters: MariaDB's driver, given {@code //root:Se@cr:et/x@host}, answers
     * "Incorrect port value : Se@cr".
     */
    private static void addWithPieces(List<String> out, String value) {
        out.add(value);
        List<Integer> cuts = new ArrayList<>();
        cuts.add(-1);
        for (int i = 0; i < value.length(); i++) {
            if (PIECE_SEPARATORS.indexOf(value.charAt(i)) >= 0) {
                cuts.add(i);
            }
        }
        cuts.add(value.length());
        for (int a = 0; a < cuts.size() - 1; a++) {
            for (int b = a + 1; b < cuts.size(); b++) {
                String piece = value.substring(cuts.get(a) + 1, cuts.get(b));
                if (piece.length() >= SHORT) {
                    out.add(piece);
                }
            }
        }
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
