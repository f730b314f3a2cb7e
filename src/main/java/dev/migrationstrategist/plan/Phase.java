package dev.migrationstrategist.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The phases of a zero-downtime timeline, in the only order they may run. */
public enum Phase {
    EXPAND,
    APP_RELEASE_1,
    BACKFILL,
    CONSTRAIN,
    APP_RELEASE_2,
    /**
     * A backfill that can only run once the second release is everywhere: the rows the earlier versions kept
     * writing in the old form (a renamed enum value's old label), converted once nothing writes it any more.
     */
    BACKFILL_2,
    /** Only with {@code --sync app}: the release that stops writing the old column, so the contract can drop it. */
    APP_RELEASE_3,
    CONTRACT;

    /** The JSON spelling: {@code expand}, {@code app_release_1}, ... */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Phase> fromJsonName(String name) {
        return Arrays.stream(values()).filter(p -> p.jsonName().equals(name)).findFirst();
    }

    /** A batched data step ({@code backfill}, or {@code backfill_2} after the second release). */
    public boolean isBackfill() {
        return this == BACKFILL || this == BACKFILL_2;
    }

    public boolean isAppRelease() {
        return this == APP_RELEASE_1 || this == APP_RELEASE_2 || this == APP_RELEASE_3;
    }
}
