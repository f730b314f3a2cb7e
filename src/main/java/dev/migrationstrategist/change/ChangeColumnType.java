package dev.migrationstrategist.change;

import dev.migrationstrategist.dialect.TypeChanges;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Change the type of {@code table.column} to {@code newType}, keeping the name the apps use. */
public record ChangeColumnType(Ident table, Ident column, DataType newType) implements Change {
    public ChangeColumnType {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(newType, "newType");
    }

    @Override
    public Schema applyTo(Schema schema) {
        Schema out = schema.table(table).flatMap(t -> t.column(column)
                .map(c -> schema.withTable(t.replaceColumn(column, c.withType(newType))))).orElse(schema);
        // a key's referencing columns that cannot hold every value of the new type change with it (the plan widens
        // them: "running out of ids"; InnoDB requires both sides of a foreign key to have the same type)
        for (Table other : schema.tables()) {
            Table changed = out.table(other.name()).orElse(other);
            for (Constraint c : other.constraints()) {
                if (c instanceof Constraint.ForeignKey fk && fk.referencedTable().sameAs(table)) {
                    for (int i = 0; i < fk.referencedColumns().size() && i < fk.columns().size(); i++) {
                        Ident child = fk.columns().get(i);
                        if (fk.referencedColumns().get(i).sameAs(column)
                                && !(other.name().sameAs(table) && child.sameAs(column))) {
                            Table now = changed;
                            changed = now.column(child).filter(cc -> TypeChanges.lossReason(newType, cc.type())
                                    .isPresent()).map(cc -> now.replaceColumn(child, cc.withType(newType)))
                                    .orElse(now);
                        }
                    }
                }
            }
            out = out.withTable(changed);
        }
        return out;
    }

    /**
     * True when the schema's column already has this type: the statement restates it and changes nothing (ORMs write
     * {@code ALTER COLUMN c TYPE <its type>} beside DROP NOT NULL; PostgreSQL 15 keeps the relfilenode, measured).
     */
    public boolean restates(Schema schema) {
        return schema.table(table).flatMap(t -> t.column(column))
                .filter(now -> TypeChanges.same(now.type(), newType)).isPresent();
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("table", Change.json(table));
        map.put("column", column.name());
        map.put("new_type", newType.sql());
        return map;
    }

    @Override
    public String describe() {
        return "change type of " + table + "." + column + " to " + newType;
    }

    @Override
    public java.util.List<Ident> columnsTouched() {
        return java.util.List.of(column);
    }
}
