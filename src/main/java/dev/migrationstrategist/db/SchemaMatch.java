package dev.migrationstrategist.db;

import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders a model schema and a catalog read back from a server as comparable text, one line per column,
 * constraint and index (columns in order; constraints and indexes sorted). Differences that are spelling, not
 * substance, are normalised: types and defaults through {@link CatalogNormalizer}; a constraint the model left
 * unnamed (the server chose the name) is compared without its name; a missing index method is btree; NO ACTION
 * and RESTRICT are the same referential action; a serial column is an integer NOT NULL with a sequence's default.
 * On MySQL/MariaDB BOOLEAN is tinyint(1), a unique constraint is a unique index, and an
 * index the server created for a foreign key (named after the key, or after its column when the key has no name; not in
 * the model) is left out.
 */
public final class SchemaMatch {
    /** Every default drawn from a sequence, as compared. */
    private static final String SEQUENCE = "nextval(a sequence)";

    private SchemaMatch() {
    }

    /** The model's text. */
    public static String model(Schema model, boolean mysql) {
        return render(model, model, mysql, false);
    }

    /** The catalog's text, normalised against the model it is compared with. */
    public static String catalog(Schema catalog, Schema model, boolean mysql) {
        return render(catalog, model, mysql, true);
    }

    private static String render(Schema schema, Schema model, boolean mysql, boolean isCatalog) {
        List<String> out = new ArrayList<>();
        // PostgreSQL enum types first (their labels in order: a renamed or kept label is part of the state); before
        // the first table, so a comparison by table blocks keeps them in a block of their own
        schema.enums().stream().map(e -> "enum " + e.name().lower() + " " + e.values()).sorted().forEach(out::add);
        for (Table t : schema.tables()) {
            Table m = model.table(t.name()).orElse(null);
            Set<String> unnamed = new HashSet<>();
            Set<String> fkNames = new HashSet<>();
            if (m != null) {
                for (Constraint c : m.constraints()) {
                    if (c.name() == null) {
                        unnamed.add(kind(c, mysql) + " " + cols(c.columns()));
                    }
                }
            }
            Set<String> fkColumns = new HashSet<>();
            for (Constraint c : t.constraints()) {
                if (c instanceof Constraint.ForeignKey && c.name() != null) {
                    fkNames.add(c.name().lower());
                }
                if (c instanceof Constraint.ForeignKey) {
                    fkColumns.add(cols(c.columns()));
                }
            }
            out.add("table " + t.name().lower());
            for (Column c : t.columns()) {
                out.add("  column " + c.name().lower() + " " + column(c, mysql));
            }
            List<String> rest = new ArrayList<>();
            for (Constraint c : t.constraints()) {
                String key = kind(c, mysql) + " " + cols(c.columns());
                boolean named = c.name() != null && !unnamed.contains(key) && !(c instanceof Constraint.PrimaryKey);
                String line = key + (named ? " name=" + c.name().lower() : "");
                if (c instanceof Constraint.ForeignKey fk) {
                    line += " -> " + fk.referencedTable().lower() + "(" + cols(fk.referencedColumns()) + ")"
                            + action("delete", fk.onDelete()) + action("update", fk.onUpdate());
                }
                if (c instanceof Constraint.Unique && mysql) {
                    line += " using btree"; // a unique index on MySQL/MariaDB
                } else {
                    line += c.valid() ? "" : " NOT VALID";
                }
                rest.add("  " + line);
            }
            for (Index i : t.indexes()) {
                boolean modelHas = m != null && m.indexes().stream().anyMatch(x -> x.name().sameAs(i.name()));
                boolean forKey = fkNames.contains(i.name().lower()) || !i.unique()
                        && fkColumns.contains(cols(i.columns())); // an unnamed key's index is named after its column
                if (isCatalog && mysql && !modelHas && forKey) {
                    continue; // built by the server for a foreign key
                }
                String key = (i.unique() ? "unique " : "index ") + cols(i.columns());
                boolean named = !(mysql && i.unique() && unnamed.contains(key));
                rest.add("  " + key + (named ? " name=" + i.name().lower() : "") + " using "
                        + (i.method() == null ? "btree" : i.method().toLowerCase(Locale.ROOT))
                        + (i.where() == null ? "" : " where " + i.where()) + (i.valid() ? "" : " INVALID"));
            }
            rest.sort(null);
            out.addAll(rest);
            if (t.partitioning().partitioned()) {
                out.add("  partitioned by " + t.partitioning().strategy().replaceAll("\\s+", " ") + " ("
                        + partitionKey(t.partitioning().key()) + ")");
            }
            if (t.partitioning().isPartition()) {
                out.add("  partition of " + t.partitioning().parent().lower());
            }
        }
        return String.join("\n", out);
    }

    /**
     * A column's type, nullability and default, normalised: {@code varchar(255) not null default 'x'}. A serial
     * column is the integer NOT NULL with a sequence's default the server makes of it; which sequence is not
     * compared (a dump qualifies it with its schema, the catalog prints it relative to the search path).
     */
    static String column(Column c, boolean mysql) {
        boolean serial = CatalogNormalizer.serial(c.type().sql());
        String dflt = serial ? SEQUENCE : c.defaultValue().map(CatalogNormalizer::defaultExpression).orElse(null);
        if (dflt != null && dflt.startsWith("nextval(")) {
            dflt = SEQUENCE;
        }
        return type(c.type().sql(), mysql) + (c.nullable() && !serial ? " null" : " not null")
                + (dflt == null ? "" : " default " + dflt);
    }


    /** MySQL/MariaDB store BOOLEAN as tinyint(1). */
    private static String type(String sql, boolean mysql) {
        String t = CatalogNormalizer.type(sql);
        return mysql && (t.equals("bool") || t.equals("boolean")) ? "tinyint(1)" : t;
    }

    /**
     * A partition key without spelling: lower case, no quotes, backticks or spaces ({@code YEAR(created_at)} and the
     * server's {@code year(`created_at`)} compare equal). The bound of a partition is not compared: the server
     * prints it in its own form ({@code '2024-01-01 00:00:00'} for {@code '2024-01-01'}).
     */
    private static String partitionKey(String key) {
        return key == null ? "" : key.toLowerCase(Locale.ROOT).replaceAll("[\\s`\"]", "");
    }

    private static String kind(Constraint c, boolean mysql) {
        if (c instanceof Constraint.PrimaryKey) {
            return "primary key";
        }
        if (c instanceof Constraint.Unique) {
            return mysql ? "unique" : "unique constraint";
        }
        return c instanceof Constraint.Check ? "check" : "foreign key";
    }

    private static String cols(List<Ident> columns) {
        return columns.stream().map(Ident::lower).collect(Collectors.joining(","));
    }

    private static String action(String on, String action) {
        if (action == null) {
            return "";
        }
        String a = action.trim().toUpperCase(Locale.ROOT);
        return a.equals("NO ACTION") || a.equals("RESTRICT") ? "" : " on " + on + " " + a.toLowerCase(Locale.ROOT);
    }
}
