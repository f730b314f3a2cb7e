package dev.migrationstrategist.strategy;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.DropDomainCheck;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.DomainType;
import dev.migrationstrategist.statement.AddDomainCheck;
import dev.migrationstrategist.statement.DropDomainConstraint;
import dev.migrationstrategist.statement.ValidateDomainConstraint;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

import java.util.List;

/**
 * Drop a CHECK of a PostgreSQL domain: a catalog change (measured on PostgreSQL 15: ACCESS EXCLUSIVE on the domain's
 * type only, no table lock, under 1 ms; writes to the tables that use it go on), so one step. Its rollback re-adds
 * the check as State A has it, {@code NOT VALID} then {@code VALIDATE} (the path of {@code add_domain_check}).
 */
public final class DropDomainCheckStrategy implements ChangeStrategy {
    private final DropDomainCheck change;

    public DropDomainCheckStrategy(DropDomainCheck change) {
        this.change = change;
    }

    private DomainType.Check requireCheck(PlanContext ctx) {
        String what = change.describe();
        DomainType d = AddDomainCheckStrategy.requireDomain(ctx, change.domain(), what,
                " (CREATE DOMAIN is PostgreSQL's), so there is no domain check to drop");
        return d.check(change.name()).orElseThrow(() -> StrategistException.invalid(what + ": domain " + d.name()
                + " has no check " + change.name() + " (it has " + d.checks().stream().map(c -> c.name().name())
                .toList() + ")"));
    }

    @Override
    public void validate(PlanContext ctx) {
        requireCheck(ctx);
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        DomainType.Check check = requireCheck(ctx);
        DomainType d = ctx.schema().domain(change.domain()).orElseThrow();
        Rollback rollback;
        try {
            String expression = CCJSqlParserUtil.parseCondExpression(check.expression(), false).toString();
            rollback = Rollback.withSql("re-add the check as State A has it: NOT VALID (new writes checked), then"
                            + " VALIDATE (SHARE on the tables that use the domain for the scan; it fails if values"
                            + " that break it were written meanwhile: fix them and rerun the VALIDATE)",
                    List.of(sql.r(new AddDomainCheck(d.name(), check.name(), expression, true)),
                            sql.r(new ValidateDomainConstraint(d.name(), check.name()))));
        } catch (JSQLParserException e) {
            rollback = Rollback.note("re-add the check by hand (its State A expression could not be read back): "
                    + "ALTER DOMAIN ... ADD CONSTRAINT ... NOT VALID, then VALIDATE CONSTRAINT");
        }
        String dn = d.name().name();
        return Contribution.builder().step(new SchemaStep(0, Phase.EXPAND, null, "drop_domain_check", dn,
                check.name().name(),
                List.of("Drop check `" + check.name() + "` of domain `" + dn + "`: a catalog change, no table is"
                        + " scanned or rewritten, so one step; values it refused are accepted from the commit on."),
                List.of(sql.r(new DropDomainConstraint(d.name(), check.name(), true))),
                "no table lock (measured on PostgreSQL 15: ACCESS EXCLUSIVE on the domain's type only, under 1 ms;"
                        + " reads and writes of the tables that use it go on)", false, true,
                List.of("Release code that writes values the check refused only after this step has committed."),
                "domain `" + dn + "` without check `" + check.name() + "`", rollback)).build();
    }
}
