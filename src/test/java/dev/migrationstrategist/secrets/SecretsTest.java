package dev.migrationstrategist.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every password form, masked by pattern alone and scrubbed with the passwords the URL itself carries. */
class SecretsTest {

    /** URL, the password(s) in it, and what the masked URL must still show. */
    static Stream<Arguments> forms() {
        return Stream.of(
                arguments("jdbc:postgresql://db.example/app?user=u&password=Secret;more",
                        new String[]{"Secret;more"},
                        "jdbc:postgresql://db.example/app?user=u&password=***"),
                arguments("jdbc:postgresql://h/app?password=Sec?ret,x:y&sslmode=require",
                        new String[]{"Sec?ret,x:y"},
                        "jdbc:postgresql://h/app?password=***&sslmode=require"),
                arguments("jdbc:mariadb://root:Secret1@db.example:3306/app",
                        new String[]{"Secret1"}, "jdbc:mariadb://root:***@db.example:3306/app"),
                arguments("jdbc:mysql://root:Secret2@db.example/app?useSSL=false",
                        new String[]{"Secret2"}, "jdbc:mysql://root:***@db.example/app?useSSL=false"),
                arguments("jdbc:mariadb://root:Se@cr:et/x@db.example:3306/app",
                        new String[]{"Se@cr:et/x"}, "jdbc:mariadb://root:***@db.example:3306/app"),
                arguments("jdbc:mariadb://root:Se%40cr%3Aet@db.example/app",
                        new String[]{"Se%40cr%3Aet", "Se@cr:et"}, "jdbc:mariadb://root:***@db.example/app"),
                arguments("jdbc:mariadb://address=(host=h)(port=3306)(user=u)(password=Secret9)/app",
                        new String[]{"Secret9"}, "jdbc:mariadb://address=(host=h)(port=3306)(user=u)(password=***)/app"),
                arguments("jdbc:mariadb://address=(host=h)(user=u)(password=Se cret&x)/app",
                        new String[]{"Se cret&x"}, "(password=***)/app"),
                arguments("jdbc:postgresql://h/app?user=u&sslpassword=KeyPw1&sslkey-password=KeyPw2",
                        new String[]{"KeyPw1", "KeyPw2"}, "?user=u&sslpassword=***&sslkey-password=***"),
                arguments("jdbc:mariadb://h/app?keyStorePassword=Ks1&trustStorePassword=Ts1&client_secret=Cs1",
                        new String[]{"Ks1", "Ts1", "Cs1"},
                        "?keyStorePassword=***&trustStorePassword=***&client_secret=***"),
                arguments("jdbc:postgresql://h/app?PASSWD=Up1&dbpwd=Up2&user=u",
                        new String[]{"Up1", "Up2"}, "?PASSWD=***&dbpwd=***&user=u"),
                arguments("jdbc:postgresql://h/app?password=\"quoted & spaced\"&user=u",
                        new String[]{"quoted & spaced"}, "?password=***&user=u"),
                arguments("jdbc:postgresql://h/app?password=Pct%26%3B%20x&user=u",
                        new String[]{"Pct%26%3B%20x", "Pct&; x"}, "?password=***&user=u"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void maskHidesThePasswordOfEveryForm(String url, String[] secrets, String stillShown) {
        String masked = Secrets.mask("cannot connect to " + url + " (refused)");
        assertThat(masked).contains(stillShown);
        for (String s : secrets) {
            assertThat(masked).doesNotContain(s).doesNotContain(tail(s));
        }
    }

    /** What follows the first separator in a password: a mask that stops there shows it. */
    private static String tail(String password) {
        for (int i = 1; i < password.length(); i++) {
            if (";?,:@/&% ".indexOf(password.charAt(i)) >= 0) {
                return password.substring(i + 1);
            }
        }
        return password;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void theUrlsOwnPasswordsAreKnownAndScrubbedWhereverTheDriverEchoesThem(String url, String[] secrets,
                                                                            String stillShown) {
        Secrets known = Secrets.in(url);
        for (String s : secrets) {
            String echoed = "Incorrect port value : " + s + "@db.example; user 'u' password " + s + " rejected";
            assertThat(known.scrub(echoed)).doesNotContain(s).contains("Incorrect port value : ***@db.example");
        }
    }

    @Test
    void aGivenPasswordIsScrubbedAloneAndEncoded() {
        Secrets known = Secrets.of("p@ss:w/rd%40x");
        assertThat(known.scrub("auth failed for p@ss:w/rd%40x and p@ss:w/rd@x")).isEqualTo(
                "auth failed for *** and ***");
    }

    @Test
    void aPieceOfAPasswordThatADriverEchoesIsScrubbed() {
        // MariaDB's driver, given //root:MaUser@Info:xx/yy@host, answers "Incorrect port value : MaUser@Info"
        Secrets known = Secrets.in("jdbc:mariadb://root:MaUser@Info:xx/yy@127.0.0.1:3306/test");
        assertThat(known.scrub("Incorrect port value : MaUser@Info")).isEqualTo("Incorrect port value : ***");
    }

    @Test
    void aMessageQuotingAnAlreadyMaskedUrlKeepsItsPunctuation() {
        String once = Secrets.mask("jdbc:postgresql://h/db?user=u&password=Pw;x");
        assertThat(Secrets.mask("--db " + once + ": cannot connect")).isEqualTo(
                "--db jdbc:postgresql://h/db?user=u&password=***: cannot connect");
    }

    @Test
    void aShortPasswordIsScrubbedWhereItStandsAloneButWordsAroundItSurvive() {
        Secrets known = Secrets.of("ab");
        assertThat(known.scrub("value ab rejected; table tab and abc")).isEqualTo("value *** rejected; table tab and abc");
    }

    @Test
    void wordsAboutPasswordsAndUrlsWithoutOneAreLeftAlone() {
        String text = "Access denied for user 'u'@'127.0.0.1' (using password: YES); "
                + "FATAL: password authentication failed for user \"u\"; jdbc:postgresql://h:5432/app?user=a@b.example&x=1";
        assertThat(Secrets.mask(text)).isEqualTo(text);
    }

    @Test
    void theStackTraceOfACauseChainIsScrubbed() {
        Exception e = new RuntimeException("outer jdbc:mariadb://root:Outer1@h/app",
                new IllegalStateException("inner Incorrect port value : Inner1@h", new Exception("password=Deep1")));
        String trace = Secrets.of("Inner1").stackTrace(e);
        assertThat(trace).contains("IllegalStateException", "Caused by").doesNotContain("Outer1", "Inner1", "Deep1");
    }

    @Test
    void toStringNeverShowsTheValues() {
        assertThat(Secrets.of("Hunter22").toString()).doesNotContain("Hunter22");
    }
}
