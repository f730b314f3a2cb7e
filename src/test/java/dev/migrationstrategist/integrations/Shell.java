package dev.migrationstrategist.integrations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a real process (mvn, git, bash) in a folder and keeps its exit code and its output (stdout then stderr). */
final class Shell {
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Shell() {
    }

    static Result run(Path dir, Map<String, String> env, int timeoutSeconds, List<String> command)
            throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("ciint", ".out");
        Path stderr = Files.createTempFile("ciint", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s:\n"
                        + Files.readString(stdout) + Files.readString(stderr));
            }
            return new Result(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    static Result bash(Path dir, Map<String, String> env, int timeoutSeconds, String script)
            throws IOException, InterruptedException {
        return run(dir, env, timeoutSeconds, List.of("bash", "-c", script));
    }
}
