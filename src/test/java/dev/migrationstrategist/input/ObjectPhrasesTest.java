package dev.migrationstrategist.input;

import dev.migrationstrategist.change.AddCheck;
import dev.migrationstrategist.change.AddForeignKey;
import dev.migrationstrategist.change.AddPrimaryKey;
import dev.migrationstrategist.change.AddUnique;
import dev.migrationstrategist.change.CreateIndex;
import dev.migrationstrategist.change.CreateTable;
import dev.migrationstrategist.change.DropIndex;
import dev.migrationstrategist.change.DropTable;
import dev.migrationstrategist.change.RenameTable;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.schema.Ident;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectPhrasesTest {
    private final PhraseReader reader = new PhraseReader(Dialects.parse("postgresql:15"));

    private Object read(String phrase) {
        assertThat(PhraseReader.looksLikePhrase(phrase)).as(phrase).isTrue();
        return reader.read(phrase).change();
    }

    private static List<Ident> ids(String... names) {
        return java.util.Arrays.stream(names).map(Ident::of).toList();
    }

    @Test
    void everyGrammarFormReadsIntoItsChange() {
        assertThat(PhraseReader.GRAMMAR).hasSize(24); // every change kind's forms, in one list
        assertThat(read("add check on orders (total >= 0)"))
                .isEqualTo(new AddCheck(Ident.of("orders"), null, "total >= 0"));
        assertThat(read("add check orders_pos on orders (total >= 0 AND total < 1000)"))
                .isEqualTo(new AddCheck(Ident.of("orders"), Ident.of("orders_pos"), "total >= 0 AND total < 1000"));
        assertThat(read("add foreign key orders.customer_id references customers.id on delete set null"))
                .isEqualTo(new AddForeignKey(Ident.of("orders"), null, ids("customer_id"), Ident.of("customers"),
                        ids("id"), "SET NULL", null));
        assertThat(read("add foreign key orders.customer_id references customers"))
                .isEqualTo(new AddForeignKey(Ident.of("orders"), null, ids("customer_id"), Ident.of("customers"),
                        List.of(), null, null));
        assertThat(read("add unique on users (email, org)"))
                .isEqualTo(new AddUnique(Ident.of("users"), null, ids("email", "org")));
        assertThat(read("add primary key on events (legacy_id)"))
                .isEqualTo(new AddPrimaryKey(Ident.of("events"), null, ids("legacy_id")));
        assertThat(read("create unique index users_email_idx on users (email)"))
                .isEqualTo(new CreateIndex(Ident.of("users"), Ident.of("users_email_idx"), ids("email"), true, null,
                        true));
        assertThat(read("drop index orders_status_idx")).isEqualTo(new DropIndex(null, Ident.of("orders_status_idx"),
                true));
        assertThat(read("drop table events")).isEqualTo(new DropTable(Ident.of("events")));
        assertThat(read("rename table orders to purchases"))
                .isEqualTo(new RenameTable(Ident.of("orders"), Ident.of("purchases")));
        assertThat(read("create table refunds (id bigint PRIMARY KEY, amount numeric(10,2))"))
                .isInstanceOf(CreateTable.class);
    }

    @Test
    void aMalformedPhraseNamesTheGrammar() {
        assertThatThrownBy(() -> reader.read("add unique users email"))
                .hasMessageContaining("cannot read the phrase 'add unique users email'")
                .hasMessageContaining("add unique [NAME] on TABLE (COLUMN, ...)");
    }
}
