package dev.migrationstrategist.input;

import dev.migrationstrategist.change.AddEnumValue;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.MergeTable;
import dev.migrationstrategist.change.MoveColumns;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.change.RenameEnumValue;
import dev.migrationstrategist.change.SplitTable;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TablePhrasesTest {
    private final PhraseReader reader = new PhraseReader(Dialects.parse("postgresql:15"));

    private Change read(String phrase) {
        return reader.read(phrase).change();
    }

    private Change sql(String statement) {
        return new SqlChangeReader(Dialects.parse("postgresql:15")).read(statement, "c.sql").get(0).change();
    }

    @Test
    void everyFormReadsIntoItsChange() {
        assertThat(read("split table users columns bio, avatar_url into user_profiles")).isEqualTo(new SplitTable(
                Ident.of("users"), List.of(Ident.of("bio"), Ident.of("avatar_url")), Ident.of("user_profiles")));
        assertThat(read("merge table user_profiles into users"))
                .isEqualTo(new MergeTable(Ident.of("user_profiles"), Ident.of("users")));
        assertThat(read("add value 'archived' to enum status_t"))
                .isEqualTo(AddEnumValue.ofType(Ident.of("status_t"), "archived", null, null));
        assertThat(read("add value 'it''s' to enum status_t before 'new'"))
                .isEqualTo(AddEnumValue.ofType(Ident.of("status_t"), "it's", "new", null));
        assertThat(read("add value 'x' to enum orders.status after 'paid'"))
                .isEqualTo(new AddEnumValue(null, Ident.of("orders"), Ident.of("status"), "x", null, "paid"));
        assertThat(read("rename value 'paid' of enum status_t to 'settled'"))
                .isEqualTo(new RenameEnumValue(Ident.of("status_t"), "paid", "settled"));
    }

    @Test
    void moveColumnsAndRenameWithATypeReadAsOneChangeEach() {
        assertThat(read("move columns bio, \"Avatar\" from users to user_profiles")).isEqualTo(new MoveColumns(
                Ident.of("users"), List.of(Ident.of("bio"), Ident.of("Avatar")), Ident.of("user_profiles")));
        assertThat(read("move column bio from users into user_profiles")).isEqualTo(new MoveColumns(
                Ident.of("users"), List.of(Ident.of("bio")), Ident.of("user_profiles")));
        assertThat(read("rename column users.email to email_address type varchar(320)")).isEqualTo(new RenameColumn(
                Ident.of("users"), Ident.of("email"), Ident.of("email_address"), DataType.parse("varchar(320)")));
        assertThat(read("rename column users.email to email_address")).isEqualTo(new RenameColumn(
                Ident.of("users"), Ident.of("email"), Ident.of("email_address")));
        assertThatThrownBy(() -> read("rename column users.email to e type varchar(")).hasMessageStartingWith(
                "phrase 'rename column users.email to e type varchar(': ");
        assertThatThrownBy(() -> read("move colums bio from users to user_profiles"))
                .hasMessageContaining("at word 2 ('colums', expected 'columns')");
    }

    @Test
    void readsAlterTypeStatements() {
        assertThat(sql("ALTER TYPE status_t ADD VALUE IF NOT EXISTS 'archived' AFTER 'new';"))
                .isEqualTo(AddEnumValue.ofType(Ident.of("status_t"), "archived", null, "new"));
        assertThat(sql("ALTER TYPE \"Status\" RENAME VALUE 'a' TO 'b';"))
                .isEqualTo(new RenameEnumValue(Ident.of("Status"), "a", "b"));
    }

    @Test
    void aMistypedPhrasePointsAtTheWord() {
        assertThatThrownBy(() -> read("split table users colums bio into p"))
                .hasMessageContaining("at word 4 ('colums', expected 'columns')");
        assertThatThrownBy(() -> read("remove value 'x' from enum status_t"))
                .hasMessageContaining("type change through a new type");
    }
}
