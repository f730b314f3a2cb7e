package dev.migrationstrategist.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A JSON array of findings with every field. */
public final class JsonFormat implements LintFormat {

    @Override
    public String render(LintResult result) {
        List<Object> out = new ArrayList<>();
        for (LintFinding f : result.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", f.rule());
            m.put("severity", f.severity().jsonName());
            m.put("file", f.file());
            m.put("line", f.line());
            m.put("column", f.column());
            m.put("statement", f.statement());
            m.put("message", f.message());
            m.put("lock", f.impact().lock());
            m.put("blocks", f.impact().blockedList());
            m.put("rewrites_table", f.impact().rewrite());
            m.put("scans_table", f.impact().scan());
            m.put("safe_alternative", f.safeAlternative());
            m.put("plan_command", f.planCommand());
            out.add(m);
        }
        return Json.write(out);
    }
}
