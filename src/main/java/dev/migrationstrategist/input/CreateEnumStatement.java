package dev.migrationstrategist.input;

import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written reader for PostgreSQL's {@code CREATE TYPE name AS ENUM ('a', 'b')}, which JSqlParser 5.3 cannot
 * parse when the name is schema-qualified (as pg_dump writes it: {@code CREATE TYPE public.order_status AS ENUM}).
 */
record CreateEnumStatement(String name, List<String> values) {

    /** True for {@code CREATE TYPE ... AS ENUM}; other types (composite, range, base) are not read. */
    static boolean matches(List<DdlText.Token> t) {
        return t.size() >= 5 && t.get(0).is("CREATE") && t.get(1).is("TYPE") && t.get(3).is("AS")
                && t.get(4).is("ENUM");
    }

    static CreateEnumStatement read(String sql) {
        TokenCursor c = new TokenCursor(sql, DdlText.tokens(sql));
        c.expect("CREATE");
        c.expect("TYPE");
        String name = c.word();
        c.expect("AS");
        c.expect("ENUM");
        DdlText.Token group = c.group();
        if (c.more()) {
            c.unexpected();
        }
        List<String> values = new ArrayList<>();
        for (int[] element : DdlText.splitTopLevel(sql, group.start() + 1, group.end() - 1)) {
            List<DdlText.Token> e = DdlText.tokens(sql, element[0], element[1]);
            if (e.size() != 1 || e.get(0).kind() != DdlText.Kind.STRING) {
                throw new DdlSyntaxException(element[0], '"' + sql.substring(element[0], element[1]) + '"');
            }
            String literal = e.get(0).text();
            values.add(literal.substring(1, literal.length() - 1).replace("''", "'"));
        }
        return new CreateEnumStatement(name, values);
    }
}
