package dev.migrationstrategist.strategy;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.AddDomainCheck;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.DomainType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.DropDomainConstraint;
import dev.migrationstrategist.statement.ValidateDomainConstraint;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Add a CHECK to a PostgreSQL domain. The naive {@code ALTER DOMAIN d ADD CONSTRAINT c CHECK (...)} proves every
 * stored value of every column of the domain while it holds SHARE on each of their tables (measured on PostgreSQL
 * 15: writes wait, reads go on). The plan: {@code NOT VALID} at the expand (no table lock, about 1 ms; new writes
 * are checked from then on), a verify gate that counts the violating rows of every column of the domain (computed
 * from State A), then {@code VALIDATE CONSTRAINT} at the constrain. MySQL and MariaDB have no domains.
 */
public final class AddDomainCheckStrategy implements ChangeStrategy {
    private static final Ident VALUES = Ident.of("v");
    private final AddDomainCheck change;

    public AddDomainCheckStrategy(AddDomainCheck change) {
        this.change = change;
    }

    static DomainType requireDomain(PlanContext ctx, Ident name, String what) {
        return requireDomain(ctx, name, what, "; put the check on each column instead: add check NAME on TABLE"
                + " (EXPRESSION)");
    }

    /** The domain of State A; on MySQL/MariaDB a one-line refusal ending with {@code instead}. */
    static DomainType requireDomain(PlanContext ctx, Ident name, String what, String instead) {
        if (!ctx.dialect().hasDomains()) {
            throw StrategistException.invalid(what + ": " + ctx.dialect().displayName() + " has no domains" + instead);
        }
        return ctx.schema().domain(name).orElseThrow(() -> StrategistException.invalid(what + ": unknown domain "
                + name + (ctx.schema().domains().isEmpty() ? " (the schema has no CREATE DOMAIN; pass it with"
                + " --schema FILE)" : " (the schema has " + ctx.schema().domains().stream()
                .map(d -> d.name().name()).toList() + ")")));
    }

    @Override
    public void validate(PlanContext ctx) {
        String what = change.describe();
        DomainType d = requireDomain(ctx, change.domain(), what);
        if (d.check(change.name()).isPresent()) {
            throw StrategistException.invalid(what + ": domain " + d.name() + " already has a constraint "
                    + change.name());
        }
    }

    /**
     * Rows of every column of the domain whose value breaks the check (false; NULL passes). {@code VALUE} is bound
     * by a one-row sub-select, so the expression is used as written and a column named {@code value} cannot
     * capture it.
     */
    static String violations(Sql sql, List<Map.Entry<Table, Column>> columns, String expression) {
        return "SELECT " + columns.stream().map(tc -> "(SELECT count(*) FROM " + sql.q(tc.getKey().name())
                        + " WHERE NOT (SELECT (" + expression + ") FROM (SELECT " + sql.q(tc.getKey().name()) + "."
                        + sql.q(tc.getValue().name()) + " AS value) AS " + sql.q(VALUES) + "))")
                .collect(Collectors.joining(" + "));
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        DomainType d = requireDomain(ctx, change.domain(), change.describe());
        Ident c = change.name();
        String dn = d.name().name();
        List<Map.Entry<Table, Column>> columns = ctx.schema().columnsOfDomain(d.name());
        String state = "check `" + c + "` on domain `" + dn + "`";
        Rollback drop = Rollback.withSql("safe: only removes the check (a catalog change)",
                List.of(sql.r(new DropDomainConstraint(d.name(), c, true))));
        Contribution.Builder out = Contribution.builder();
        if (columns.isEmpty()) {
            out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "add_domain_check", dn, c.name(),
                    List.of("Add check `" + c + "` on domain `" + dn + "`: no column of the schema uses the domain,"
                            + " so there is nothing to scan and one step is enough."),
                    List.of(sql.r(new dev.migrationstrategist.statement.AddDomainCheck(d.name(), c,
                            change.expression(), false))),
                    "no table lock: no table uses the domain (a catalog change, milliseconds)",
                    false, true, List.of(), state, drop));
            return out.build();
        }
        String used = columns.stream().map(tc -> "`" + tc.getKey().name() + "." + tc.getValue().name() + "`")
                .collect(Collectors.joining(", "));
        String tables = columns.stream().map(tc -> "`" + tc.getKey().name().name() + "`").distinct()
                .collect(Collectors.joining(", "));
        String verify = violations(sql, columns, change.expression());
        out.step(new SchemaStep(0, Phase.EXPAND, null, "add_domain_check", dn, c.name(),
                List.of("Add check `" + c + "` to domain `" + dn + "` as NOT VALID: the stored values of " + used
                                + " are not scanned, every INSERT and UPDATE of them is checked from now on.",
                        "The naive ALTER DOMAIN ... ADD CONSTRAINT scans every one of those columns while it holds"
                                + " SHARE on " + tables + " (measured on PostgreSQL 15: writes wait for the whole"
                                + " scan, about 50 ms per million rows)."),
                List.of(sql.r(new dev.migrationstrategist.statement.AddDomainCheck(d.name(), c, change.expression(),
                        true))),
                "no table lock (measured on PostgreSQL 15: only ACCESS SHARE on the domain's type; about 1 ms,"
                        + " reads and writes of " + tables + " go on)", false, true,
                List.of("From this step on, a write that breaks the check fails: make sure the running app version"
                        + " no longer writes such values to " + used + "."),
                state + " (NOT VALID: new writes checked)", drop));
        out.step(new SchemaStep(0, Phase.CONSTRAIN, null, "validate_domain_constraint", dn, c.name(),
                List.of("Validate `" + c + "`: one scan of " + used + " proves the values written before the"
                                + " expand.",
                        "Unlike ALTER TABLE ... VALIDATE CONSTRAINT, the domain's VALIDATE holds SHARE on every table"
                                + " that uses it for the scan: reads go on, writes wait. If that pause is too long on"
                                + " a large table, put the rule on the columns instead (add check NAME on TABLE"
                                + " (EXPRESSION): NOT VALID, then a VALIDATE under SHARE UPDATE EXCLUSIVE)."),
                List.of(sql.r(new ValidateDomainConstraint(d.name(), c))),
                "SHARE on " + tables + " for one scan of the domain's columns (measured on PostgreSQL 15: reads go on,"
                        + " writes wait; about 50 ms per million rows), plus ACCESS EXCLUSIVE on the domain's type",
                true, true,
                List.of("If the verify query finds rows, fix them first; a failed VALIDATE leaves `" + c + "` NOT"
                        + " VALID (still checking new writes): fix the values and run it again."),
                state + " (validated)",
                Rollback.note("nothing to undo: VALIDATE only marks the check as proven (the expand's rollback drops"
                        + " it)"), verify));
        return out.build();
    }
}
