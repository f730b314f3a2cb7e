package dev.migrationstrategist.db;

import dev.migrationstrategist.statement.DbObject;

/**
 * How an object is keyed in the ownership table: its kind, its table (empty where it has none) and its name.
 * Names are kept as the catalog stores them; MySQL column names compare without case.
 */
record ObjectKey(String kind, String table, String name) {

    static ObjectKey of(DbObject o) {
        if (o instanceof DbObject.Table t) {
            return new ObjectKey("table", "", t.name().name());
        }
        if (o instanceof DbObject.View v) {
            return new ObjectKey("view", "", v.name().name());
        }
        if (o instanceof DbObject.Column c) {
            return new ObjectKey("column", c.table().name(), c.name().lower());
        }
        if (o instanceof DbObject.Index i) {
            return new ObjectKey("index", i.table().name(), i.name().name());
        }
        if (o instanceof DbObject.Constraint k) {
            return new ObjectKey("constraint", k.table().name(), k.name() == null ? "PRIMARY" : k.name().name());
        }
        if (o instanceof DbObject.Trigger t) {
            return new ObjectKey("trigger", t.table().name(), t.name().name());
        }
        if (o instanceof DbObject.Function f) {
            return new ObjectKey("function", "", f.name().name());
        }
        if (o instanceof DbObject.EnumValue e) {
            return new ObjectKey("enum_value", e.type().name(), e.value());
        }
        DbObject.DomainConstraint d = (DbObject.DomainConstraint) o;
        return new ObjectKey("domain_constraint", d.domain().name(), d.name().name());
    }
}
