#!/usr/bin/env python3
"""Generates a labelled corpus of PostgreSQL Flyway migrations for the lint benchmark.

usage: gen_corpus.py DIR [N]   (default N = 1000 files)

Writes DIR/V<k>__<case>.sql and DIR/labels.tsv (file, safe|unsafe, case, detected-by). Every file is labelled from
docs/LOCKS.md: "unsafe" means it blocks reads or writes on a live table for longer than milliseconds, breaks
running code, fails to run, or destroys data; "safe" means it does not. 'detected-by' says which part of
strategist lint should catch it: 'statement' (statement rules, on this branch), 'change' (the guardrail rules of
the change kinds of the operation catalog), or '-' for safe files.
"""
import os
import random
import re
import sys

TIMEOUT = "SET lock_timeout = '2s';\nSET statement_timeout = '5s';\n"

# (case, label, detected-by, [file bodies]) ; {t} = an existing table, {n} = a unique number
CASES = [
    # ---- safe ----
    ("add_nullable_column", "safe", "-", [TIMEOUT + "ALTER TABLE {t} ADD COLUMN note_{n} text;\n"]),
    ("widen_varchar", "safe", "-", [TIMEOUT + "ALTER TABLE {t} ALTER COLUMN label_{n} TYPE varchar(500);\n"]),
    ("new_table_with_index", "safe", "-", [TIMEOUT + "CREATE TABLE new_{n} (id bigint PRIMARY KEY, v text);\n"
                                           "CREATE INDEX new_{n}_v ON new_{n} (v);\n"
                                           "ALTER TABLE new_{n} ADD COLUMN seq bigserial;\n"]),
    ("concurrent_index_own_file", "safe", "-", [TIMEOUT + "CREATE INDEX CONCURRENTLY {t}_c{n} ON {t} (created_at);\n"]),
    ("safe_not_null_pattern", "safe", "-", [
        TIMEOUT + "ALTER TABLE {t} ADD CONSTRAINT {t}_nn{n} CHECK (email_{n} IS NOT NULL) NOT VALID;\n",
        TIMEOUT + "ALTER TABLE {t} VALIDATE CONSTRAINT {t}_nn{n};\n",
        TIMEOUT + "ALTER TABLE {t} ALTER COLUMN email_{n} SET NOT NULL;\nALTER TABLE {t} DROP CONSTRAINT {t}_nn{n};\n"]),
    ("fk_not_valid_then_validate", "safe", "-", [
        TIMEOUT + "ALTER TABLE {t} ADD CONSTRAINT {t}_fk{n} FOREIGN KEY (owner_id) REFERENCES owners (id) NOT VALID;\n",
        TIMEOUT + "ALTER TABLE {t} VALIDATE CONSTRAINT {t}_fk{n};\n"]),
    ("dangerous_words_in_comments_and_bodies", "safe", "-", [
        TIMEOUT + "-- VACUUM FULL {t};\nSELECT 'TRUNCATE {t};';\n"
        "CREATE OR REPLACE FUNCTION purge_{n}() RETURNS void AS $$ BEGIN TRUNCATE {t}; END $$ LANGUAGE plpgsql;\n"]),
    # ---- unsafe, statement rules ----
    ("vacuum_full", "unsafe", "statement", [TIMEOUT + "VACUUM FULL {t};\n"]),
    ("cluster", "unsafe", "statement", [TIMEOUT + "CLUSTER {t} USING {t}_pkey;\n"]),
    ("serial_on_existing_table", "unsafe", "statement", [TIMEOUT + "ALTER TABLE {t} ADD COLUMN id_{n} bigserial;\n"]),
    ("concurrent_index_in_transaction", "unsafe", "statement", [
        TIMEOUT + "ALTER TABLE {t} ADD COLUMN tag_{n} text;\nCREATE INDEX CONCURRENTLY {t}_t{n} ON {t} (tag_{n});\n"]),
    ("truncate", "unsafe", "statement", [TIMEOUT + "TRUNCATE {t};\n"]),
    ("no_lock_timeout", "warn", "statement", ["ALTER TABLE {t} ADD COLUMN flag_{n} boolean;\n"]),
    ("validate_in_same_transaction", "unsafe", "statement", [
        TIMEOUT + "ALTER TABLE {t} ADD CONSTRAINT {t}_ck{n} CHECK (qty >= 0) NOT VALID;\n"
        "ALTER TABLE {t} VALIDATE CONSTRAINT {t}_ck{n};\n"]),
    ("rename_column", "unsafe", "change", [TIMEOUT + "ALTER TABLE {t} RENAME COLUMN name TO full_name_{n};\n"]),
    # ---- unsafe, change rules of the operation catalog ----
    ("volatile_default", "unsafe", "change", [TIMEOUT + "ALTER TABLE {t} ADD COLUMN uid_{n} uuid DEFAULT gen_random_uuid();\n"]),
    ("index_not_concurrent", "unsafe", "change", [TIMEOUT + "CREATE INDEX {t}_i{n} ON {t} (created_at);\n"]),
    ("fk_validated_at_once", "unsafe", "change", [
        TIMEOUT + "ALTER TABLE {t} ADD CONSTRAINT {t}_f{n} FOREIGN KEY (owner_id) REFERENCES owners (id);\n"]),
    ("set_not_null_directly", "unsafe", "change", [TIMEOUT + "ALTER TABLE {t} ALTER COLUMN email_{n} SET NOT NULL;\n"]),
    ("int_to_bigint_rewrite", "unsafe", "change", [TIMEOUT + "ALTER TABLE {t} ALTER COLUMN qty_{n} TYPE bigint;\n"]),
]

TABLES = ["orders", "users", "events", "payments", "invoices", "sessions"]


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    os.makedirs(out, exist_ok=True)
    rnd = random.Random(42)
    labels = []
    columns = {t: [] for t in TABLES}  # the per-case columns each migration touches, for State A
    version = 0
    k = 0
    while version < n:
        case, label, by, bodies = CASES[k % len(CASES)]
        k += 1
        table = rnd.choice(TABLES)
        if version + len(bodies) > n:
            case, label, by, bodies = CASES[0]
        group = version + 1  # files of one case share their object names (the NOT NULL pattern's check)
        for body in bodies:
            version += 1
            name = f"V{version}__{case}.sql"
            text = body.format(t=table, n=group)
            with open(os.path.join(out, name), "w") as f:
                f.write(text)
            for col in re.findall(r"\b((?:label|email|qty)_\d+)\b", text):
                if col not in columns[table]:
                    columns[table].append(col)
            labels.append((name, label, case, by))
    # State A of the tables the migrations touch, as pg_dump would give it to `lint --schema`.
    with open(os.path.join(os.path.dirname(os.path.abspath(out)), "schema.sql"), "w") as f:
        f.write("CREATE TABLE owners (id bigint PRIMARY KEY);\n")
        for t in TABLES:
            extra = "".join(f", {c} " + ("integer" if c.startswith("qty") else "varchar(255)") for c in columns[t])
            f.write(f"CREATE TABLE {t} (id bigint PRIMARY KEY, name varchar(255), email varchar(255),"
                    f" qty integer, owner_id bigint, created_at timestamp{extra});\n")
    with open(os.path.join(out, "labels.tsv"), "w") as f:
        for row in labels:
            f.write("\t".join(row) + "\n")
    print(f"{len(labels)} files in {out}")


if __name__ == "__main__":
    main()
