package dev.migrationstrategist.dialect;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.IndexKey;
import dev.migrationstrategist.statement.AddColumns;
import dev.migrationstrategist.statement.AttachIndex;
import dev.migrationstrategist.statement.CreateIndexOnParent;
import dev.migrationstrategist.statement.AddConstraint;
import dev.migrationstrategist.statement.AddConstraintUsingIndex;
import dev.migrationstrategist.statement.AddDomainCheck;
import dev.migrationstrategist.statement.AddEnumValue;
import dev.migrationstrategist.statement.AlterColumnType;
import dev.migrationstrategist.statement.ColumnDefaults;
import dev.migrationstrategist.statement.CreateFunction;
import dev.migrationstrategist.statement.CreateIndex;
import dev.migrationstrategist.statement.CreateTable;
import dev.migrationstrategist.statement.CreateTableLike;
import dev.migrationstrategist.statement.CreateTrigger;
import dev.migrationstrategist.statement.CreateView;
import dev.migrationstrategist.statement.ReplaceView;
import dev.migrationstrategist.statement.DropColumns;
import dev.migrationstrategist.statement.DropConstraint;
import dev.migrationstrategist.statement.DropDomainConstraint;
import dev.migrationstrategist.statement.DropFunction;
import dev.migrationstrategist.statement.DropIndex;
import dev.migrationstrategist.statement.DropNotNull;
import dev.migrationstrategist.statement.DropPrimaryKey;
import dev.migrationstrategist.statement.DropTrigger;
import dev.migrationstrategist.statement.InsertSelectBatch;
import dev.migrationstrategist.statement.KeyParameters;
import dev.migrationstrategist.statement.LockTables;
import dev.migrationstrategist.statement.LockTablesInOrder;
import dev.migrationstrategist.statement.ModifyColumns;
import dev.migrationstrategist.statement.RenameColumns;
import dev.migrationstrategist.statement.RenameEnumValue;
import dev.migrationstrategist.statement.RenameIndex;
import dev.migrationstrategist.statement.RenameTable;
import dev.migrationstrategist.statement.RenameTables;
import dev.migrationstrategist.statement.SetForeignKeyChecks;
import dev.migrationstrategist.statement.SetIndexIgnored;
import dev.migrationstrategist.statement.SetNotNull;
import dev.migrationstrategist.statement.Statement;
import dev.migrationstrategist.statement.TriggerBody;
import dev.migrationstrategist.statement.UnlockTables;
import dev.migrationstrategist.statement.UpdateJoinBatch;
import dev.migrationstrategist.statement.ValidateConstraint;
import dev.migrationstrategist.statement.ValidateDomainConstraint;

import java.util.stream.Collectors;

/** Renders statements as PostgreSQL runs them. Statements only MySQL/MariaDB have are refused. */
final class PostgresRenderer extends Renderer {
    private final PostgresDialect dialect;

    PostgresRenderer(PostgresDialect dialect) {
        super(dialect);
        this.dialect = dialect;
    }

    private String alter(Ident table, String action) {
        return "ALTER TABLE " + q(table) + " " + action + ";";
    }

    @Override
    public String setForeignKeyChecks(SetForeignKeyChecks s) {
        throw unsupported(s);
    }

    @Override
    public String lockTables(LockTables s) {
        throw unsupported(s);
    }

    @Override
    public String unlockTables(UnlockTables s) {
        throw unsupported(s);
    }

    @Override
    public String lockTablesInOrder(LockTablesInOrder s) {
        return "LOCK TABLE " + s.tables().stream().map(this::q).collect(Collectors.joining(", "))
                + " IN ACCESS EXCLUSIVE MODE" + (s.noWait() ? " NOWAIT;" : ";");
    }

    @Override
    public String addColumns(AddColumns s) {
        return alter(s.table(), s.columns().stream().map(c -> "ADD COLUMN " + columnDefinition(c))
                .collect(Collectors.joining(", ")));
    }

    @Override
    public String dropColumns(DropColumns s) {
        return alter(s.table(), s.columns().stream().map(c -> "DROP COLUMN " + q(c))
                .collect(Collectors.joining(", ")));
    }

    @Override
    public String renameColumns(RenameColumns s) {
        if (s.renames().size() != 1) {
            throw new IllegalArgumentException("PostgreSQL renames one column per statement: " + s);
        }
        return alter(s.table(), "RENAME COLUMN " + q(s.renames().get(0).from()) + " TO " + q(s.renames().get(0).to()));
    }

    @Override
    public String columnDefaults(ColumnDefaults s) {
        return alter(s.table(), s.changes().stream().map(c -> "ALTER COLUMN " + q(c.column())
                + (c.expression() == null ? " DROP DEFAULT" : " SET DEFAULT " + c.expression()))
                .collect(Collectors.joining(", ")));
    }

    @Override
    public String setNotNull(SetNotNull s) {
        return alter(s.table(), "ALTER COLUMN " + q(s.column()) + " SET NOT NULL");
    }

    @Override
    public String dropNotNull(DropNotNull s) {
        return alter(s.table(), "ALTER COLUMN " + q(s.column()) + " DROP NOT NULL");
    }

    @Override
    public String modifyColumns(ModifyColumns s) {
        throw unsupported(s);
    }

    @Override
    public String alterSequence(dev.migrationstrategist.statement.AlterSequence s) {
        return "ALTER SEQUENCE " + q(s.sequence()) + (s.type() == null ? "" : " AS " + s.type())
                + (s.ownedByTable() == null ? "" : " OWNED BY " + q(s.ownedByTable()) + "." + q(s.ownedByColumn()))
                + ";";
    }

    @Override
    public String addIdentity(dev.migrationstrategist.statement.AddIdentity s) {
        return alter(s.table(), "ALTER COLUMN " + q(s.column()) + " ADD GENERATED " + (s.always() ? "ALWAYS"
                : "BY DEFAULT") + " AS IDENTITY (SEQUENCE NAME " + q(s.sequence()) + ")");
    }

    @Override
    public String dropIdentity(dev.migrationstrategist.statement.DropIdentity s) {
        return alter(s.table(), "ALTER COLUMN " + q(s.column()) + " DROP IDENTITY");
    }

    @Override
    public String copySequenceValue(dev.migrationstrategist.statement.CopySequenceValue s) {
        return "SELECT setval(" + dialect.literal(q(s.to())) + ", last_value, is_called) FROM " + q(s.from()) + ";";
    }

    @Override
    public String renameSequence(dev.migrationstrategist.statement.RenameSequence s) {
        return "ALTER SEQUENCE " + q(s.from()) + " RENAME TO " + q(s.to()) + ";";
    }

    @Override
    public String alterColumnType(AlterColumnType s) {
        return alter(s.table(), "ALTER COLUMN " + q(s.column()) + " TYPE " + s.type()
                + (s.using() == null ? "" : " USING " + s.using()));
    }

    @Override
    public String addConstraint(AddConstraint s) {
        return alter(s.table(), "ADD " + constraintDefinition(s.constraint()) + (s.notValid() ? " NOT VALID" : ""));
    }

    @Override
    public String addConstraintUsingIndex(AddConstraintUsingIndex s) {
        return alter(s.table(), "ADD CONSTRAINT " + q(s.name()) + (s.primaryKey() ? " PRIMARY KEY" : " UNIQUE")
                + " USING INDEX " + q(s.index()));
    }

    @Override
    public String validateConstraint(ValidateConstraint s) {
        return alter(s.table(), "VALIDATE CONSTRAINT " + q(s.name()));
    }

    @Override
    public String dropConstraint(DropConstraint s) {
        return alter(s.table(), "DROP CONSTRAINT " + (s.ifExists() ? "IF EXISTS " : "") + q(s.name()));
    }

    @Override
    public String dropPrimaryKey(DropPrimaryKey s) {
        throw unsupported(s);
    }

    @Override
    public String createIndex(CreateIndex s) {
        Index i = s.index();
        StringBuilder sb = new StringBuilder("CREATE ").append(i.unique() ? "UNIQUE " : "").append("INDEX ")
                .append(s.concurrently() ? "CONCURRENTLY " : "").append(q(i.name())).append(" ON ").append(q(i.table()))
                .append(i.method() == null || i.method().equalsIgnoreCase("btree") ? "" : " USING " + i.method())
                .append(" (").append(i.elements().stream().map(this::indexKey).collect(Collectors.joining(", ")))
                .append(")");
        if (!i.include().isEmpty()) {
            sb.append(" INCLUDE (").append(dialect.quoteAll(i.include())).append(")");
        }
        if (i.nullsNotDistinct()) {
            sb.append(" NULLS NOT DISTINCT");
        }
        if (!i.with().isEmpty()) {
            sb.append(" WITH (").append(options(i.with())).append(")");
        }
        return sb.append(i.where() == null ? "" : " WHERE " + i.where()).append(";").toString();
    }

    /** {@code column|expression [COLLATE c] [opclass [(params)]] [DESC] [NULLS FIRST|LAST]}. */
    private String indexKey(IndexKey k) {
        StringBuilder sb = new StringBuilder(k.column() != null ? q(k.column()) : k.expression());
        if (k.collation() != null) {
            sb.append(" COLLATE ").append(k.collation()); // SQL as read: quoted, qualified
        }
        if (k.opclass() != null) {
            sb.append(' ').append(k.opclass()); // SQL as read: quoted, qualified
            if (!k.opclassParams().isEmpty()) {
                sb.append(" (").append(options(k.opclassParams())).append(")");
            }
        }
        if (k.descending()) {
            sb.append(" DESC");
        }
        if (k.nulls() != null) {
            sb.append(" NULLS ").append(k.nulls());
        }
        return sb.toString();
    }

    /** {@code name=value} parameters as {@code name = value}, a value that is not a plain word or number quoted. */
    private String options(java.util.List<String> options) {
        return options.stream().map(o -> {
            int eq = o.indexOf('=');
            String name = eq < 0 ? o : o.substring(0, eq);
            String value = eq < 0 ? null : o.substring(eq + 1);
            return q(Ident.of(name)) + (value == null ? "" : " = " + (value.matches("[A-Za-z0-9_.]+") ? value
                    : dialect.literal(value)));
        }).collect(Collectors.joining(", "));
    }

    @Override
    public String createIndexOnParent(CreateIndexOnParent s) {
        Index i = s.index();
        return "CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX " + q(i.name()) + " ON ONLY " + q(i.table())
                + (i.method() == null || i.method().equalsIgnoreCase("btree") ? "" : " USING " + i.method())
                + " (" + dialect.quoteAll(i.columns()) + ")" + (i.where() == null ? "" : " WHERE " + i.where()) + ";";
    }

    @Override
    public String attachIndex(AttachIndex s) {
        return "ALTER INDEX " + q(s.index()) + " ATTACH PARTITION " + q(s.partitionIndex()) + ";";
    }

    @Override
    public String dropIndex(DropIndex s) {
        return "DROP INDEX " + (s.concurrently() ? "CONCURRENTLY " : "") + (s.ifExists() ? "IF EXISTS " : "")
                + q(s.name()) + ";";
    }

    @Override
    public String renameIndex(RenameIndex s) {
        return "ALTER INDEX " + q(s.from()) + " RENAME TO " + q(s.to()) + ";";
    }

    @Override
    public String setIndexIgnored(SetIndexIgnored s) {
        throw unsupported(s);
    }

    @Override
    public String createFunction(CreateFunction s) {
        return "CREATE OR REPLACE FUNCTION " + q(s.name()) + "() RETURNS trigger LANGUAGE plpgsql AS $sync$\n"
                + "BEGIN\n" + functionBody(s.body()) + "\nEND\n$sync$;";
    }

    private String functionBody(TriggerBody body) {
        if (body instanceof TriggerBody.ColumnSync sync) {
            String oldC = q(sync.oldColumn());
            String newC = q(sync.newColumn());
            return "  IF TG_OP = 'INSERT' THEN\n"
                    + "    IF NEW." + newC + " IS NULL THEN\n"
                    + "      NEW." + newC + " := " + sync.toNew() + ";\n"
                    + "    ELSE\n"
                    + "      NEW." + oldC + " := " + sync.toOld() + ";\n"
                    + "    END IF;\n"
                    + "  ELSIF NEW." + newC + " IS DISTINCT FROM OLD." + newC + " THEN\n"
                    + "    NEW." + oldC + " := " + sync.toOld() + ";\n"
                    + "  ELSIF NEW." + oldC + " IS DISTINCT FROM OLD." + oldC + " THEN\n"
                    + "    NEW." + newC + " := " + sync.toNew() + ";\n"
                    + "  END IF;\n"
                    + "  RETURN NEW;";
        }
        if (body instanceof TriggerBody.Copy copy) {
            return "  NEW." + q(copy.target()) + " := " + copy.expression() + ";\n  RETURN NEW;";
        }
        if (body instanceof TriggerBody.Procedure p) {
            return p.text();
        }
        throw new IllegalArgumentException("not a function body: " + body);
    }

    @Override
    public String createTrigger(CreateTrigger s) {
        if (!(s.body() instanceof TriggerBody.ExecuteFunction f)) {
            throw new IllegalArgumentException("a PostgreSQL trigger executes a function: " + s);
        }
        return "CREATE TRIGGER " + q(s.name()) + " " + s.timing() + " " + String.join(" OR ", s.events()) + " ON "
                + q(s.table()) + " FOR EACH ROW " + dialect.executeFunctionKeyword() + " " + q(f.function()) + "();";
    }

    @Override
    public String dropTrigger(DropTrigger s) {
        return "DROP TRIGGER " + (s.ifExists() ? "IF EXISTS " : "") + q(s.name()) + " ON " + q(s.table()) + ";";
    }

    @Override
    public String dropFunction(DropFunction s) {
        return "DROP FUNCTION " + (s.ifExists() ? "IF EXISTS " : "") + q(s.name()) + "();";
    }

    @Override
    public String createTable(CreateTable s) {
        var partitioning = s.table().partitioning();
        if (partitioning.isPartition()) {
            // its columns, key and indexes are the parent's
            return "CREATE TABLE " + q(s.table().name()) + " PARTITION OF " + q(partitioning.parent()) + " "
                    + partitioning.bound() + (partitioning.partitioned() ? " PARTITION BY "
                    + partitioning.strategy() + " (" + partitioning.key() + ")" : "") + ";";
        }
        return createTableText(s.table(), false, partitioning.partitioned() ? " PARTITION BY "
                + partitioning.strategy() + " (" + partitioning.key() + ")" : "");
    }

    @Override
    public String createTableLike(CreateTableLike s) {
        return "CREATE TABLE " + q(s.table()) + " (LIKE " + q(s.like()) + " INCLUDING ALL);";
    }

    @Override
    public String renameTable(RenameTable s) {
        return "ALTER TABLE " + q(s.from()) + " RENAME TO " + q(s.to()) + ";";
    }

    @Override
    public String renameTables(RenameTables s) {
        throw unsupported(s);
    }

    @Override
    public String createView(CreateView s) {
        return "CREATE VIEW " + q(s.name()) + " AS SELECT " + dialect.quoteAll(s.columns()) + " FROM " + q(s.table())
                + ";";
    }

    @Override
    public String replaceView(ReplaceView s) {
        java.util.List<String> options = s.options().reloptions().stream().filter(o -> o.matches("[a-z_]+=[A-Za-z0-9_.]+"))
                .toList();
        return "CREATE OR REPLACE VIEW " + q(s.name()) + (options.isEmpty() ? "" : " WITH (" + String.join(", ", options)
                + ")") + " AS " + s.query() + ";";
    }

    @Override
    public String addEnumValue(AddEnumValue s) {
        return "ALTER TYPE " + q(s.type()) + " ADD VALUE IF NOT EXISTS " + dialect.literal(s.value())
                + (s.beforeValue() != null ? " BEFORE " + dialect.literal(s.beforeValue()) : "")
                + (s.afterValue() != null ? " AFTER " + dialect.literal(s.afterValue()) : "") + ";";
    }

    @Override
    public String renameEnumValue(RenameEnumValue s) {
        return "ALTER TYPE " + q(s.type()) + " RENAME VALUE " + dialect.literal(s.from()) + " TO "
                + dialect.literal(s.to()) + ";";
    }

    @Override
    public String addDomainCheck(AddDomainCheck s) {
        return "ALTER DOMAIN " + q(s.domain()) + " ADD CONSTRAINT " + q(s.name()) + " CHECK (" + s.expression() + ")"
                + (s.notValid() ? " NOT VALID" : "") + ";";
    }

    @Override
    public String validateDomainConstraint(ValidateDomainConstraint s) {
        return "ALTER DOMAIN " + q(s.domain()) + " VALIDATE CONSTRAINT " + q(s.name()) + ";";
    }

    @Override
    public String dropDomainConstraint(DropDomainConstraint s) {
        return "ALTER DOMAIN " + q(s.domain()) + " DROP CONSTRAINT " + (s.ifExists() ? "IF EXISTS " : "") + q(s.name())
                + ";";
    }

    private IllegalArgumentException unsupported(Statement s) {
        return new IllegalArgumentException("PostgreSQL has no " + s.kind() + " statement");
    }

    /** {@code ON CONFLICT (key) DO NOTHING} or {@code DO UPDATE SET c = EXCLUDED.c}. */
    @Override
    public String insertSelectBatch(InsertSelectBatch s, KeyParameters p) {
        String conflict = " ON CONFLICT (" + q(s.conflictKey()) + ") ";
        String action = s.onConflict() == InsertSelectBatch.OnConflict.SKIP ? "DO NOTHING"
                : "DO UPDATE SET " + s.updatedColumns().stream().map(c -> q(c) + " = EXCLUDED." + q(c))
                .collect(Collectors.joining(", "));
        String lock = s.lockRows() ? " ORDER BY " + qualified(s.alias(), s.keyColumn()) + " FOR NO KEY UPDATE"
                + (s.alias() == null ? "" : " OF " + q(s.alias())) : "";
        return insertSelect("INSERT INTO", s, p) + lock + conflict + action;
    }

    /** {@code UPDATE t a SET c = s.c FROM source s WHERE a.key = s.key AND <range> AND <predicate>}. */
    @Override
    public String updateJoinBatch(UpdateJoinBatch s, KeyParameters p) {
        String set = java.util.stream.Stream.concat(
                s.columns().stream().map(c -> q(c) + " = " + qualified(s.sourceAlias(), c)),
                s.kept().stream().map(c -> q(c) + " = " + qualified(s.alias(), c))).collect(Collectors.joining(", "));
        String sourceKey = qualified(s.sourceAlias(), s.sourceKey());
        String join = qualified(s.alias(), s.tableKey()) + " = " + sourceKey;
        if (s.lockRows()) {
            // the source's values come out of a subquery that locks both rows of each key (the table's first): it
            // returns the latest values of the rows it locked, where a plain join reads the statement's snapshot
            String picked = java.util.stream.Stream.concat(java.util.stream.Stream.of(s.sourceKey()),
                    s.columns().stream()).map(c -> qualified(s.sourceAlias(), c)).collect(Collectors.joining(", "));
            return "UPDATE " + q(s.table()) + " " + q(s.alias()) + " SET " + set + " FROM (SELECT " + picked
                    + " FROM " + q(s.table()) + " " + q(s.alias()) + " JOIN " + q(s.source()) + " "
                    + q(s.sourceAlias()) + " ON " + join + " WHERE " + p.range(sourceKey) + " AND " + s.predicate()
                    + " ORDER BY " + sourceKey + " FOR NO KEY UPDATE OF " + q(s.alias()) + " FOR SHARE OF "
                    + q(s.sourceAlias()) + " NOWAIT) " + q(s.sourceAlias()) + " WHERE " + join;
        }
        return "UPDATE " + q(s.table()) + " " + q(s.alias()) + " SET " + set + " FROM " + q(s.source()) + " "
                + q(s.sourceAlias()) + " WHERE " + join + " AND " + p.range(sourceKey) + " AND " + s.predicate();
    }
}
