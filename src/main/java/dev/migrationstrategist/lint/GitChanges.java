package dev.migrationstrategist.lint;

import dev.migrationstrategist.error.StrategistException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The files changed since a git revision, for {@code lint --changed-since REF}: what {@code git diff --name-only REF}
 * lists (committed since REF, staged or not) plus the untracked files git does not ignore (a migration written but
 * not yet added). Runs the git command line; no git, no repository or an unknown revision is a user error.
 */
public final class GitChanges {
    private static final long TIMEOUT_SECONDS = 60;

    private GitChanges() {
    }

    /** Absolute real paths of the files changed since {@code ref} in the repository holding {@code dir}. */
    public static Set<Path> since(String ref, Path dir) {
        if (ref == null || ref.isBlank() || ref.startsWith("-")) {
            throw StrategistException.invalid("--changed-since '" + ref + "': expected a git revision (a branch,"
                    + " tag or commit such as origin/main)");
        }
        Result top = git(dir, ref, "rev-parse", "--show-toplevel");
        if (top.exit != 0) {
            throw StrategistException.invalid("--changed-since " + ref + ": " + dir + " is not inside a git"
                    + " repository (" + firstLine(top.err) + ")");
        }
        Path root = Path.of(top.out.strip());
        Result diff = git(root, ref, "diff", "--name-only", "-z", ref, "--");
        if (diff.exit != 0) {
            throw StrategistException.invalid("--changed-since " + ref + ": git cannot compare with this revision ("
                    + firstLine(diff.err) + ")");
        }
        Result untracked = git(root, ref, "ls-files", "--others", "--exclude-standard", "-z");
        if (untracked.exit != 0) {
            throw StrategistException.invalid("--changed-since " + ref + ": git cannot list untracked files ("
                    + firstLine(untracked.err) + ")");
        }
        Set<Path> out = new HashSet<>();
        for (String name : names(diff.out, untracked.out)) {
            out.add(RunScope.normalise(root.resolve(name)));
        }
        return out;
    }

    private static List<String> names(String... nulSeparated) {
        List<String> out = new ArrayList<>();
        for (String s : nulSeparated) {
            for (String n : s.split("\0")) {
                if (!n.isBlank()) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result git(Path dir, String ref, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "core.quotepath=off"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
        } catch (IOException e) {
            throw StrategistException.invalid("--changed-since " + ref + ": cannot run git (" + e.getMessage()
                    + "); install git or name the new files with --new FILE");
        }
        try {
            InputStream err = p.getErrorStream();
            ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> {
                try {
                    err.transferTo(errBytes);
                } catch (IOException ignored) {
                    // the exit code says what matters
                }
            });
            drain.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw StrategistException.invalid("--changed-since " + ref + ": git did not answer within "
                        + TIMEOUT_SECONDS + " s");
            }
            drain.join();
            return new Result(p.exitValue(), out, errBytes.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw StrategistException.invalid("--changed-since " + ref + ": cannot read git's answer ("
                    + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StrategistException.invalid("--changed-since " + ref + ": interrupted while git ran");
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String firstLine(String s) {
        String line = s == null ? "" : s.strip().lines().findFirst().orElse("");
        return line.isEmpty() ? "no message" : line;
    }
}
