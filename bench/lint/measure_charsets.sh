#!/usr/bin/env bash
# Measures which ALGORITHM MariaDB (127.0.0.1:3306, root) accepts for each charset / collation / rebuild form lint
# judges (docs/rules/charset-change.md, table-rebuild.md); prints the Markdown rows of docs/measurements.md,
# "Character sets and table rebuilds". Uses and drops the scratch database lc_measure.
M="mysql -uroot -h127.0.0.1 -N -B"
$M -e "DROP DATABASE IF EXISTS lc_measure; CREATE DATABASE lc_measure"
mk() { # $1 table charset clause
  $M lc_measure -e "DROP TABLE IF EXISTS t; CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL, body TEXT, n INT, KEY name_idx (name)) ENGINE=InnoDB $1; INSERT INTO t (name, body, n) VALUES ('a','b',1),('c','d',2)"
}
try() { # $1 create clause, $2 alter body, $3 algorithm clause
  mk "$1"
  out=$($M lc_measure -e "ALTER TABLE t $2${3:+, $3}" 2>&1 | grep ERROR | sed "s/^ERROR [0-9]* ([^)]*) at line [0-9]*: //")
  if [ -z "$out" ]; then echo -n "ok"; else echo -n "refused: $out"; fi
}
row() { # $1 label, $2 create clause, $3 alter
  printf '| %s | `%s` | `ALTER TABLE t %s` ' "$1" "$2" "$3"
  for a in "ALGORITHM=INSTANT" "ALGORITHM=NOCOPY" "ALGORITHM=INPLACE, LOCK=NONE" "ALGORITHM=COPY"; do
    printf '| %s ' "$(try "$2" "$3" "$a")"
  done
  echo "|"
}
U520="DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci"
U3="DEFAULT CHARSET=utf8mb3"
row "same charset+collation, with ENGINE" "$U520" "ENGINE=InnoDB, CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci"
row "same charset+collation" "$U520" "CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci"
row "same charset, other collation" "$U520" "CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci"
row "same charset, default collation differs" "$U520" "CONVERT TO CHARACTER SET utf8mb4"
row "same charset, default collation same" "DEFAULT CHARSET=utf8mb4" "CONVERT TO CHARACTER SET utf8mb4"
row "utf8mb3 -> utf8mb4" "$U3" "CONVERT TO CHARACTER SET utf8mb4"
row "utf8mb4 -> latin1" "DEFAULT CHARSET=utf8mb4" "CONVERT TO CHARACTER SET latin1"
row "same engine" "$U520" "ENGINE=InnoDB"
row "FORCE" "$U520" "FORCE"
row "DEFAULT CHARSET same" "$U520" "DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci"
row "DEFAULT CHARSET other" "$U3" "DEFAULT CHARSET=utf8mb4"
row "DEFAULT CHARSET other + ENGINE" "$U3" "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
row "MODIFY same charset" "$U520" "MODIFY name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci NOT NULL"
row "MODIFY other collation (indexed)" "$U520" "MODIFY name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL"
row "MODIFY other collation (not indexed, TEXT)" "$U520" "MODIFY body TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci"
row "MODIFY utf8mb3 -> utf8mb4 (indexed VARCHAR)" "$U3" "MODIFY name VARCHAR(100) CHARACTER SET utf8mb4 NOT NULL"
row "MODIFY utf8mb3 -> utf8mb4 (TEXT)" "$U3" "MODIFY body TEXT CHARACTER SET utf8mb4"
row "MODIFY utf8mb4 -> latin1" "DEFAULT CHARSET=utf8mb4" "MODIFY body TEXT CHARACTER SET latin1"
$M -e "DROP DATABASE lc_measure"
