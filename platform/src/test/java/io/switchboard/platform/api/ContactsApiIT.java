package io.switchboard.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.support.PlatformIT;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Contacts through the API: cursor pagination over many rows, filters, one contact's consent evidence. */
class ContactsApiIT extends PlatformIT {

    @Test
    void pagingThrough250ContactsVisitsEachExactlyOnce() {
        String slug = onboard(uniqueSlug("paging"));
        insertContacts(slug, 250);
        List<Long> stored = rows(slug, "SELECT id FROM {schema}.contacts ORDER BY id").stream()
                .map(r -> ((Number) r.get("id")).longValue()).toList();

        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api("GET", "/api/v1/tenants/" + slug + "/contacts?limit=37" + (cursor == null ? "" : "&cursor=" + cursor),
                    adminToken(), null);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().path("items").forEach(c -> seen.add(Long.parseLong(c.path("id").asString())));
            cursor = page.json().has("nextCursor") ? page.json().path("nextCursor").asString() : null;
            if (++pages == 3) {
                // A contact created while an integrator pages through arrives on a later page, not twice, not never.
                insertContacts(slug, 1, 1000);
            }
        } while (cursor != null && pages < 20);

        assertThat(pages).isEqualTo(7);
        assertThat(seen).doesNotHaveDuplicates().hasSize(251).isSorted();
        assertThat(seen.subList(0, 250)).isEqualTo(stored);
    }

    @Test
    void filtersFindContactsByEmailIgnoringCaseByPhoneDigitsAndByStatus() {
        String slug = onboard(uniqueSlug("filters"));
        insertContacts(slug, 40);
        String contacts = "/api/v1/tenants/" + slug + "/contacts";

        JsonNode byEmail = api("GET", contacts + "?email=Person-7@Example.FR", adminToken(), null).json().path("items");
        assertThat(byEmail).hasSize(1);
        assertThat(byEmail.get(0).path("email").asString()).isEqualTo("person-7@example.fr");
        JsonNode byPhone = api("GET", contacts + "?phone=%2B33%206%2010%2000%2000%2012", adminToken(), null).json().path("items");
        assertThat(byPhone).singleElement().satisfies(c -> assertThat(c.path("phone").asString()).isEqualTo("+33610000012"));
        // An unencoded + arrives as a space; the digits still match.
        assertThat(api("GET", contacts + "?phone=+33610000012", adminToken(), null).json().path("items")).hasSize(1);
        JsonNode optedOut = api("GET", contacts + "?status=OPTED_OUT&limit=200", adminToken(), null).json().path("items");
        assertThat(optedOut).hasSize(10).allSatisfy(c -> assertThat(c.path("status").asString()).isEqualTo("OPTED_OUT"));
        assertThat(api("GET", contacts + "?status=OPTED_OUT&email=person-7@example.fr", adminToken(), null).json().path("items"))
                .as("filters combine").isEmpty();
        assertThat(api("GET", contacts + "?email=nobody@example.fr", adminToken(), null).json().path("items")).isEmpty();
    }

    @Test
    void oneContactShowsItsAttributesAndConsentEvidence() {
        String slug = onboard(uniqueSlug("onecontact"));
        long id = db().sql("INSERT INTO \"tenant_" + slug.replace('-', '_') + "\".contacts (email, phone, first_name, last_name,"
                        + " status, attributes, opted_out_at, opt_out_keyword) VALUES ('lea@example.fr', '+33639980101', 'Léa',"
                        + " 'Dupont', 'OPTED_OUT', '{\"source\": \"facebook\", \"city\": \"Lyon\"}', '2026-11-02T09:15:00Z',"
                        + " 'ARRET') RETURNING id")
                .query(Long.class).single();

        Response contact = api("GET", "/api/v1/tenants/" + slug + "/contacts/" + id, adminToken(), null);

        assertThat(contact.status()).isEqualTo(200);
        JsonNode c = contact.json();
        assertThat(c.path("id").asString()).isEqualTo(Long.toString(id));
        assertThat(c.path("firstName").asString()).isEqualTo("Léa");
        assertThat(c.path("status").asString()).isEqualTo("OPTED_OUT");
        assertThat(c.path("optedOutAt").asString()).isEqualTo("2026-11-02T09:15:00Z");
        assertThat(c.path("optOutKeyword").asString()).isEqualTo("ARRET");
        assertThat(c.path("attributes").path("city").asString()).isEqualTo("Lyon");
        assertThat(c.has("optedInAt")).isFalse();
    }

    private void insertContacts(String slug, int count) {
        insertContacts(slug, count, 0);
    }

    /** Contacts person-N@example.fr with phone +3361000NNNN; every fourth is OPTED_OUT. */
    private void insertContacts(String slug, int count, int offset) {
        db().sql("INSERT INTO \"tenant_" + slug.replace('-', '_') + "\".contacts (email, phone, first_name, status) "
                        + "SELECT 'person-' || n || '@example.fr', '+3361' || lpad(n::text, 7, '0'), 'Person ' || n, "
                        + "CASE WHEN n % 4 = 0 THEN 'OPTED_OUT' ELSE 'CUSTOMER' END FROM generate_series(?, ?) AS n")
                .params(offset + 1, offset + count).update();
    }
}
