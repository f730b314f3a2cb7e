package dev.migrationstrategist.lint;

/**
 * GitHub Actions workflow commands, one line per finding: {@code ::error file=F,line=L,col=C,title=RULE::message}.
 * Data is escaped as GitHub requires ({@code %} → %25, CR → %0D, LF → %0A); property values also escape
 * {@code :} → %3A and {@code ,} → %2C.
 */
public final class GithubFormat implements LintFormat {

    @Override
    public String render(LintResult result) {
        StringBuilder sb = new StringBuilder();
        for (LintFinding f : result.findings()) {
            String level = switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            };
            String message = f.message() + (f.impact().lock() == null ? "" : "\nLock: " + f.impact().describe())
                    + "\nInstead: " + f.safeAlternative()
                    + (f.planCommand() == null ? "" : "\nFull plan: " + f.planCommand());
            sb.append("::").append(level)
                    .append(" file=").append(property(f.file()))
                    .append(",line=").append(f.line())
                    .append(",col=").append(f.column())
                    .append(",title=").append(property(f.rule()))
                    .append("::").append(data(message)).append('\n');
        }
        return sb.toString();
    }

    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
