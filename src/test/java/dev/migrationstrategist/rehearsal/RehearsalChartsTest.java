package dev.migrationstrategist.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rehearsal's time series and charts, from a real rename-column rehearsal on each engine: the series counts
 * what the phase tables count, the naive side's errors fall in the windows after its RENAME, and the report's PNG
 * and SVG charts exist, decode, and are linked from the Markdown.
 */
class RehearsalChartsTest {
    private static final String RENAME = "ALTER TABLE users RENAME COLUMN name TO full_name;";

    @TempDir
    Path dir;

    @Test
    @Tag("postgres")
    void postgresRenameSeriesMatchTheTablesAndTheChartsAreWritten() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            RehearsalResult r = RehearsalRun.run(db, RehearsalPostgresTest.USERS, RENAME, RehearsalHook.NONE);
            checkSeriesAndCharts(r);
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbRenameSeriesMatchTheTablesAndTheChartsAreWritten() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            RehearsalResult r = RehearsalRun.run(db, RehearsalPostgresTest.USERS, RENAME, RehearsalHook.NONE);
            checkSeriesAndCharts(r);
        }
    }

    private void checkSeriesAndCharts(RehearsalResult r) throws Exception {
        for (SideResult side : List.of(r.planSide(), r.naiveSide())) {
            sameCountsAsTheTables(side);
        }
        assertThat(r.planSide().series().windows()).as("the plan side has no error in any window")
                .allSatisfy(w -> assertThat(w.errors()).isZero());
        naiveErrorsFollowTheRename(r.naiveSide());
        jsonCarriesTheSeries(r);
        chartsAreWrittenAndLinked(r);
    }

    private static void sameCountsAsTheTables(SideResult side) {
        TimeSeries s = side.series();
        assertThat(s.windowMs()).as("a short run gets the narrowest windows").isEqualTo(250);
        assertThat(s.ops()).as(side.side() + " operations").isEqualTo(side.operations()).isPositive();
        assertThat(s.errors()).as(side.side() + " errors").isEqualTo(side.errors());
        assertThat(s.windows().stream().mapToLong(TimeSeries.Window::committed).sum())
                .isEqualTo(side.operations() - side.errors());
        assertThat(s.phases()).extracting(TimeSeries.Span::phase)
                .containsExactlyElementsOf(side.phases().stream().map(PhaseStats::phase).toList());
        for (int i = 0; i < s.phases().size(); i++) {
            TimeSeries.Span p = s.phases().get(i);
            assertThat(p.endMs()).isGreaterThanOrEqualTo(p.startMs());
            assertThat(p.endMs() - p.startMs()).as(p.phase() + " lasts as long as its table says")
                    .isBetween(side.phases().get(i).millis() - 1, side.phases().get(i).millis() + 1);
            if (i > 0) {
                assertThat(p.startMs()).as("phases follow each other").isEqualTo(s.phases().get(i - 1).endMs());
            }
        }
        assertThat(s.phases().get(0).startMs()).isZero();
        for (int i = 1; i < s.windows().size(); i++) {
            assertThat(s.windows().get(i).startMs()).isEqualTo(s.windows().get(i - 1).endMs());
        }
        assertThat(s.lengthMs()).isGreaterThanOrEqualTo(s.phases().get(s.phases().size() - 1).endMs());
    }

    /** v1.0 fails from the RENAME on until every client runs the final version; none before, none after. */
    private static void naiveErrorsFollowTheRename(SideResult naive) {
        TimeSeries s = naive.series();
        TimeSeries.Span ddl = s.phases().stream().filter(p -> p.phase().startsWith("naive DDL")).findFirst()
                .orElseThrow();
        TimeSeries.Span deploy = s.phases().stream().filter(p -> p.phase().startsWith("deploy")).findFirst()
                .orElseThrow();
        assertThat(naive.errors()).isPositive();
        assertThat(s.windows()).as("no error before the RENAME").filteredOn(w -> w.endMs() <= ddl.startMs())
                .isNotEmpty().allSatisfy(w -> assertThat(w.errors()).isZero());
        assertThat(s.windows()).as("no error once every client runs the final version (one window of slack)")
                .filteredOn(w -> w.startMs() >= deploy.startMs() + s.windowMs())
                .allSatisfy(w -> assertThat(w.errors()).isZero());
        long between = s.windows().stream().filter(w -> w.endMs() > ddl.startMs()
                && w.startMs() < deploy.startMs() + s.windowMs()).mapToLong(TimeSeries.Window::errors).sum();
        assertThat(between).as("every error between the RENAME and the deploy").isEqualTo(naive.errors());
    }

    private static void jsonCarriesTheSeries(RehearsalResult r) throws Exception {
        JsonNode root = new ObjectMapper().readTree(new RehearsalReport(r).json());
        for (String side : List.of("plan", "naive")) {
            JsonNode n = root.get(side);
            long phaseOps = StreamSupport.stream(n.get("phases").spliterator(), false)
                    .mapToLong(p -> p.get("ops").asLong()).sum();
            long phaseErrors = StreamSupport.stream(n.get("phases").spliterator(), false)
                    .mapToLong(p -> p.get("errors").asLong()).sum();
            JsonNode series = n.get("series");
            assertThat(series.get("window_ms").asLong()).isEqualTo(250);
            long ops = 0;
            long errors = 0;
            for (JsonNode w : series.get("windows")) {
                ops += w.get("ops").asLong();
                errors += w.get("errors").asLong();
                assertThat(w.get("committed").asLong() + w.get("errors").asLong()).isEqualTo(w.get("ops").asLong());
                assertThat(w.has("p50_ms") && w.has("p99_ms") && w.has("lock_wait_ms")).isTrue();
            }
            assertThat(ops).as(side + " ops in the JSON series").isEqualTo(phaseOps);
            assertThat(errors).as(side + " errors in the JSON series").isEqualTo(phaseErrors);
            assertThat(series.get("phases")).hasSize(n.get("phases").size());
        }
    }

    private void chartsAreWrittenAndLinked(RehearsalResult r) throws Exception {
        List<Path> written = new RehearsalReport(r).write(dir);
        String md = Files.readString(dir.resolve(RehearsalReport.MARKDOWN_FILE));
        assertThat(md).doesNotContain("Charts not drawn");
        TimeSeries.Span ddl = r.naiveSide().series().phases().get(1);
        assertThat(md).as("the table numbers the phases as the bands, with their start")
                .contains(String.format(java.util.Locale.US, "| 2 | %.2f | %s |", ddl.startMs() / 1000.0, ddl.phase()));
        for (SideResult side : List.of(r.planSide(), r.naiveSide())) {
            List<String> files = RehearsalReport.chartFiles(side);
            Path png = dir.resolve(files.get(0));
            Path svg = dir.resolve(files.get(1));
            assertThat(written).contains(png, svg);
            assertThat(md).contains("](" + files.get(0) + ")").contains("(" + files.get(1) + ")");
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png + " decodes").isNotNull();
            assertThat(image.getWidth()).isEqualTo(RehearsalCharts.WIDTH);
            assertThat(image.getHeight()).isEqualTo(RehearsalCharts.HEIGHT);
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y += 3) {
                for (int x = 0; x < image.getWidth(); x += 3) {
                    colours.add(image.getRGB(x, y));
                }
            }
            assertThat(colours).as("a drawn chart, not a blank image").hasSizeGreaterThan(20);
            String svgText = Files.readString(svg);
            assertThat(svgText).contains("<svg").contains("</svg>").contains("seconds since the clients started");
        }
    }
}
