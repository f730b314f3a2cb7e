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
import dev.migrationstrategist.statement.OnlineDdl;

import java.util.stream.Collectors;

/**
 * Renders statements as MySQL and MariaDB run them: every ALTER pins its algorithm and lock through the dialect's
 * {@link MySqlDialect#algorithmClause} (MariaDB overrides the clauses), so a server that cannot do it online refuses
 * instead of copying the table. PostgreSQL-only statements are refused.
 */
final class MySqlRenderer extends Renderer {
    private final MySqlDialect dialect;

    MySqlRenderer(MySqlDialect dialect) {
        super(dialect);
        this.dialect = dialect;
    }

    private String alter(Ident table, String action, OnlineDdl online) {
        return "ALTER TABLE " + q(table) + " " + action + (online == null ? "" : ", " + dialect.algorithmClause(online))
                + ";";
    }

    @Override
    public String setForeignKeyChecks(SetForeignKeyChecks s) {
        return "SET SESSION foreign_key_checks = " + (s.enabled() ? 1 : 0) + ";";
    }

    @Override
    public String lockTables(LockTables s) {
        return "LOCK TABLES " + s.tables().stream().map(t -> q(t) + " WRITE").collect(Collectors.joining(", ")) + ";";
    }

    @Override
    public String unlockTables(UnlockTables s) {
        return "UNLOCK TABLES;";
    }

    /** MySQL/MariaDB DDL commits on its own: there is no transaction to hold the locks in (LOCK TABLES instead). */
    @Override
    public String lockTablesInOrder(LockTablesInOrder s) {
        throw unsupported(s);
    }

    @Override
    public String addColumns(AddColumns s) {
        return alter(s.table(), s.columns().stream().map(c -> "ADD COLUMN " + columnDefinition(c))
                .collect(Collectors.joining(", ")), s.online());
    }

    @Override
    public String dropColumns(DropColumns s) {
        return alter(s.table(), s.columns().stream().map(c -> "DROP COLUMN " + q(c))
                .collect(Collectors.joining(", ")), s.online());
    }

    @Override
    public String renameColumns(RenameColumns s) {
        return alter(s.table(), s.renames().stream().map(r -> "RENAME COLUMN " + q(r.from()) + " TO " + q(r.to()))
                .collect(Collectors.joining(", ")), s.online());
    }

    @Override
    public String columnDefaults(ColumnDefaults s) {
        return alter(s.table(), s.changes().stream().map(c -> "ALTER COLUMN " + q(c.column())
                + (c.expression() == null ? " DROP DEFAULT" : " SET DEFAULT " + c.expression()))
                .collect(Collectors.joining(", ")), s.online());
    }

    @Override
    public String setNotNull(SetNotNull s) {
        throw unsupported(s);
    }

    @Override
    public String dropNotNull(DropNotNull s) {
        throw unsupported(s);
    }

    /**
     * Each column says NULL or NOT NULL: a TIMESTAMP column left unmarked turns NOT NULL on servers with
     * {@code explicit_defaults_for_timestamp = OFF} (MySQL 5.7, MariaDB before 10.10).
     */
    @Override
    public String modifyColumns(ModifyColumns s) {
        return alter(s.table(), s.columns().stream().map(this::modify).collect(Collectors.joining(", ")),
                s.online());
    }

    private String modify(dev.migrationstrategist.schema.Column c) {
        return "MODIFY " + columnDefinition(c) + (c.nullable() ? " NULL" : "");
    }

    @Override
    public String alterColumnType(AlterColumnType s) {
        throw unsupported(s);
    }

    @Override
    String autoIncrementClause(dev.migrationstrategist.schema.Column column) {
        return " AUTO_INCREMENT";
    }

    @Override
    public String alterSequence(dev.migrationstrategist.statement.AlterSequence s) {
        throw unsupported(s);
    }

    @Override
    public String addIdentity(dev.migrationstrategist.statement.AddIdentity s) {
        throw unsupported(s);
    }

    @Override
    public String dropIdentity(dev.migrationstrategist.statement.DropIdentity s) {
        throw unsupported(s);
    }

    @Override
    public String copySequenceValue(dev.migrationstrategist.statement.CopySequenceValue s) {
        throw unsupported(s);
    }

    @Override
    public String renameSequence(dev.migrationstrategist.statement.RenameSequence s) {
        throw unsupported(s);
    }

    @Override
    public String addConstraint(AddConstraint s) {
        if (s.notValid()) {
            throw new IllegalArgumentException(dialect.displayName() + " has no NOT VALID constraints: " + s);
        }
        return alter(s.table(), "ADD " + constraintDefinition(s.constraint()), s.online());
    }

    @Override
    public String addConstraintUsingIndex(AddConstraintUsingIndex s) {
        throw unsupported(s);
    }

    @Override
    public String validateConstraint(ValidateConstraint s) {
        throw unsupported(s);
    }

    @Override
    public String dropConstraint(DropConstraint s) {
        String what = switch (s.constraintKind()) {
            case PRIMARY_KEY -> "DROP PRIMARY KEY";
            case FOREIGN_KEY -> "DROP FOREIGN KEY " + q(s.name());
            case UNIQUE -> "DROP INDEX " + q(s.name());
            case CHECK -> dialect.dropCheckKeyword() + " " + q(s.name());
        };
        return alter(s.table(), what, s.online());
    }

    @Override
    public String dropPrimaryKey(DropPrimaryKey s) {
        StringBuilder what = new StringBuilder("DROP PRIMARY KEY");
        s.restoreNullable().forEach(c -> what.append(", ").append(modify(c)));
        return alter(s.table(), what.toString(), s.online());
    }

    @Override
    public String createIndex(CreateIndex s) {
        Index i = s.index();
        String kind = i.unique() ? "UNIQUE " : "fulltext".equals(i.method()) ? "FULLTEXT "
                : "spatial".equals(i.method()) ? "SPATIAL " : "";
        String cols = i.elements().stream().map(this::indexKey).collect(Collectors.joining(", "));
        String using = "hash".equalsIgnoreCase(i.method()) ? " USING HASH" : "";
        String visibility = i.invisible() ? " " + dialect.indexVisibilityKeyword(false) : "";
        if (s.online() == null) {
            return "CREATE " + kind + "INDEX " + q(i.name()) + " ON " + q(i.table()) + " (" + cols + ")" + using
                    + visibility + ";";
        }
        return alter(i.table(), "ADD " + kind + "INDEX " + q(i.name()) + " (" + cols + ")" + using + visibility,
                s.online());
    }

    @Override
    public String createIndexOnParent(CreateIndexOnParent s) {
        throw unsupported(s);
    }

    @Override
    public String attachIndex(AttachIndex s) {
        throw unsupported(s);
    }

    @Override
    String inlineIndex(Index i) {
        String kind = i.unique() ? "UNIQUE " : "fulltext".equals(i.method()) ? "FULLTEXT "
                : "spatial".equals(i.method()) ? "SPATIAL " : "";
        return kind + "INDEX " + q(i.name()) + " (" + i.elements().stream().map(this::indexKey)
                .collect(Collectors.joining(", ")) + ")" + ("hash".equalsIgnoreCase(i.method()) ? " USING HASH" : "")
                + (i.invisible() ? " " + dialect.indexVisibilityKeyword(false) : "");
    }

    /** {@code column[(prefix)] | (expression)} then {@code DESC} where it is descending. */
    private String indexKey(IndexKey k) {
        String element = k.column() != null ? q(k.column()) + (k.prefixLength() == null ? "" : "(" + k.prefixLength()
                + ")") : "(" + k.expression() + ")";
        return element + (k.descending() ? " DESC" : "");
    }

    @Override
    public String dropIndex(DropIndex s) {
        return alter(s.table(), "DROP INDEX " + q(s.name()), s.online());
    }

    @Override
    public String renameIndex(RenameIndex s) {
        return alter(s.table(), "RENAME INDEX " + q(s.from()) + " TO " + q(s.to()), s.online());
    }

    @Override
    public String setIndexIgnored(SetIndexIgnored s) {
        return alter(s.table(), "ALTER INDEX " + q(s.index()) + " " + dialect.indexVisibilityKeyword(!s.ignored()),
                OnlineDdl.INSTANT);
    }

    @Override
    public String createFunction(CreateFunction s) {
        throw unsupported(s);
    }

    @Override
    public String createTrigger(CreateTrigger s) {
        if (s.events().size() != 1) {
            throw new IllegalArgumentException(dialect.displayName() + " triggers fire on one event: " + s);
        }
        return "CREATE TRIGGER " + q(s.name()) + " " + s.timing() + " " + s.events().get(0) + " ON " + q(s.table())
                + " FOR EACH ROW\nBEGIN\n" + body(s.body(), s.events().get(0)) + "\nEND;";
    }

    private String body(TriggerBody body, String event) {
        if (body instanceof TriggerBody.ColumnSync sync) {
            String oldC = q(sync.oldColumn());
            String newC = q(sync.newColumn());
            if (event.equals("INSERT")) {
                return "  IF NEW." + newC + " IS NULL THEN\n"
                        + "    SET NEW." + newC + " = " + sync.toNew() + ";\n"
                        + "  ELSE\n"
                        + "    SET NEW." + oldC + " = " + sync.toOld() + ";\n"
                        + "  END IF;";
            }
            return "  IF NOT (NEW." + newC + " <=> OLD." + newC + ") THEN\n"
                    + "    SET NEW." + oldC + " = " + sync.toOld() + ";\n"
                    + "  ELSEIF NOT (NEW." + oldC + " <=> OLD." + oldC + ") THEN\n"
                    + "    SET NEW." + newC + " = " + sync.toNew() + ";\n"
                    + "  END IF;";
        }
        if (body instanceof TriggerBody.Copy copy) {
            return "  SET NEW." + q(copy.target()) + " = " + copy.expression() + ";";
        }
        if (body instanceof TriggerBody.Procedure p) {
            return p.text();
        }
        throw new IllegalArgumentException(dialect.displayName() + " triggers have an inline body: " + body);
    }

    @Override
    public String dropTrigger(DropTrigger s) {
        return "DROP TRIGGER " + (s.ifExists() ? "IF EXISTS " : "") + q(s.name()) + ";";
    }

    @Override
    public String dropFunction(DropFunction s) {
        throw unsupported(s);
    }

    @Override
    public String createTable(CreateTable s) {
        return createTableText(s.table(), true);
    }

    @Override
    public String createTableLike(CreateTableLike s) {
        return "CREATE TABLE " + q(s.table()) + " LIKE " + q(s.like()) + ";";
    }

    /**
     * MySQL/MariaDB accept only LOCK=DEFAULT with a rename (measured on MariaDB); INSTANT from MariaDB 10.3 and
     * MySQL 8.0.12.
     */
    @Override
    public String renameTable(RenameTable s) {
        boolean instant = dialect instanceof MariaDbDialect ? dialect.version().atLeast(10, 3)
                : dialect.version().atLeast(8, 0, 12);
        return "ALTER TABLE " + q(s.from()) + " RENAME TO " + q(s.to()) + ", "
                + (instant ? "ALGORITHM=INSTANT, LOCK=DEFAULT" : "ALGORITHM=INPLACE, LOCK=DEFAULT") + ";";
    }

    @Override
    public String renameTables(RenameTables s) {
        return "RENAME TABLE " + s.renames().stream().map(r -> q(r.from()) + " TO " + q(r.to()))
                .collect(Collectors.joining(", ")) + ";";
    }

    @Override
    public String createView(CreateView s) {
        return "CREATE ALGORITHM=MERGE VIEW " + q(s.name()) + " AS SELECT " + dialect.quoteAll(s.columns()) + " FROM "
                + q(s.table()) + ";";
    }

    @Override
    public String replaceView(ReplaceView s) {
        var o = s.options();
        String definer = "";
        if (o.definer() != null && o.definer().lastIndexOf('@') > 0) {
            int at = o.definer().lastIndexOf('@');
            definer = " DEFINER=" + dialect.quote(o.definer().substring(0, at)) + "@"
                    + dialect.quote(o.definer().substring(at + 1));
        }
        String security = "INVOKER".equalsIgnoreCase(o.security()) ? " SQL SECURITY INVOKER"
                : "DEFINER".equalsIgnoreCase(o.security()) ? " SQL SECURITY DEFINER" : "";
        String check = "LOCAL".equalsIgnoreCase(o.checkOption()) ? " WITH LOCAL CHECK OPTION"
                : "CASCADED".equalsIgnoreCase(o.checkOption()) ? " WITH CASCADED CHECK OPTION" : "";
        return "CREATE OR REPLACE" + definer + security + " VIEW " + q(s.name()) + " AS " + s.query() + check + ";";
    }

    @Override
    public String addEnumValue(AddEnumValue s) {
        throw unsupported(s);
    }

    @Override
    public String renameEnumValue(RenameEnumValue s) {
        throw unsupported(s);
    }

    @Override
    public String addDomainCheck(AddDomainCheck s) {
        throw unsupported(s);
    }

    @Override
    public String validateDomainConstraint(ValidateDomainConstraint s) {
        throw unsupported(s);
    }

    @Override
    public String dropDomainConstraint(DropDomainConstraint s) {
        throw unsupported(s);
    }

    private IllegalArgumentException unsupported(Statement s) {
        return new IllegalArgumentException(dialect.displayName() + " has no " + s.kind() + " statement");
    }

    /** {@code INSERT IGNORE INTO ...} or {@code INSERT INTO ... ON DUPLICATE KEY UPDATE c = VALUES(c)}. */
    @Override
    public String insertSelectBatch(InsertSelectBatch s, KeyParameters p) {
        if (s.onConflict() == InsertSelectBatch.OnConflict.SKIP) {
            return insertSelect("INSERT IGNORE INTO", s, p);
        }
        return insertSelect("INSERT INTO", s, p) + " ON DUPLICATE KEY UPDATE " + s.updatedColumns().stream()
                .map(c -> q(c) + " = VALUES(" + q(c) + ")").collect(Collectors.joining(", "));
    }

    /** {@code UPDATE t a JOIN source s ON a.key = s.key SET a.c = s.c WHERE <range> AND <predicate>}. */
    @Override
    public String updateJoinBatch(UpdateJoinBatch s, KeyParameters p) {
        String set = java.util.stream.Stream.concat(
                s.columns().stream().map(c -> qualified(s.alias(), c) + " = " + qualified(s.sourceAlias(), c)),
                s.kept().stream().map(c -> qualified(s.alias(), c) + " = " + qualified(s.alias(), c)))
                .collect(Collectors.joining(", "));
        String sourceKey = qualified(s.sourceAlias(), s.sourceKey());
        // lockRows: the table first (its rows read with exclusive locks, the range on its own key), then the source
        String join = s.lockRows() ? " STRAIGHT_JOIN " : " JOIN ";
        String ranged = s.lockRows() ? qualified(s.alias(), s.tableKey()) : sourceKey;
        return "UPDATE " + q(s.table()) + " " + q(s.alias()) + join + q(s.source()) + " " + q(s.sourceAlias())
                + " ON " + qualified(s.alias(), s.tableKey()) + " = " + sourceKey + " SET " + set + " WHERE "
                + p.range(ranged) + " AND " + s.predicate();
    }
}
