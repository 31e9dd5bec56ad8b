package io.switchboard.platform.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.platform.support.PlatformIT;
import io.switchboard.platform.support.StripeSigner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The tenant console end to end, in a real headless Chromium against the running platform: a tenant user
 * signs in, connects Stripe, creates the event of a payment link, sees a signed Stripe checkout make the
 * attendee PAID, finds and replays the delivery, edits a template with its live preview, and erases the
 * contact. Screenshots of the pages land in target/screenshots; to refresh the ones the README links to, run it
 * with {@code -Dswitchboard.console.screenshots=<repository>/docs/screenshots}.
 */
class TenantConsoleIT extends PlatformIT {

    private static final String PASSWORD = "console test password";
    private static final String SECRET = "whsec_console_test_secret";
    private static final String PAYMENT_LINK = "plink_1TysIMRk2TqLm7Zd4GUXq7j2";
    private static final String CHECKOUT = "stripe/checkout_session_completed_payment_link.json";

    private ConsoleBrowser browser;

    /** On a failure, what the browser showed is kept in target/console-failures for diagnosis. */
    @RegisterExtension
    final TestExecutionExceptionHandler keepTheEvidence = (context, failure) -> {
        if (browser != null) {
            Path folder = Path.of("target", "console-failures");
            browser.screenshot(folder, context.getRequiredTestMethod().getName());
            java.nio.file.Files.writeString(folder.resolve(context.getRequiredTestMethod().getName() + ".html"),
                    browser.url() + "\n" + browser.pageSource());
        }
        throw failure;
    };

    @BeforeAll
    static void needsTheBrowser() {
        assumeTrue(ConsoleBrowser.installed(), "Skipped: the console's browser tests need Debian's chromium and "
                + "chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver); apt-get install -y chromium chromium-driver");
    }

    @BeforeEach
    void startBrowser() throws IOException {
        browser = new ConsoleBrowser(port);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        browser.close();
    }

    @Test
    void aTenantRunsItsStripePaymentsFromTheConsole() throws IOException {
        String slug = tenantWithUser("console", "marie@example.fr");

        signIn(slug, "marie@example.fr");
        browser.heading("Overview");
        assertThat(browser.find(By.cssSelector(".tenant")).getText()).isEqualTo(slug);
        browser.text(By.cssSelector(".empty"), "No provider is connected yet");
        shot("overview-empty");

        // Connect Stripe: the form comes from the connector's declared fields; the secret is write-only.
        browser.click(browser.link("Connections"));
        browser.heading("Connections");
        WebElement stripe = browser.find(By.cssSelector("[data-provider=stripe]"));
        assertThat(stripe.findElement(By.cssSelector("[data-testid=webhook-url-stripe]")).getText())
                .isEqualTo("https://switchboard.test/webhooks/" + slug + "/stripe");
        browser.type(stripe.findElement(By.name("secret-webhookSecret")), SECRET);
        browser.click(stripe.findElement(By.xpath(".//button[normalize-space(.)='Connect Stripe']")));
        browser.text(By.cssSelector("[data-provider=stripe] [role=status]"), "Saved");
        assertThat(stripe.findElement(By.name("secret-webhookSecret")).getAttribute("value")).isEmpty();
        assertThat(stripe.findElement(By.name("secret-webhookSecret")).getAttribute("placeholder")).contains("set");
        assertThat(browser.pageSource()).doesNotContain(SECRET);
        assertThat(api("GET", "/api/v1/tenants/" + slug + "/connections", adminToken(), null).json().path("items").get(0)
                .path("secretsSet").toString()).contains("webhookSecret");
        browser.open("/console/connections");
        stripe = browser.find(By.cssSelector(".cards > [data-provider=stripe]:first-child"));
        assertThat(stripe.findElement(By.cssSelector(".badge")).getText()).isEqualTo("connected");

        // A signed test event through the connection: verified, stored and ignored, with a link to its delivery.
        browser.click(stripe.findElement(By.xpath(".//button[normalize-space(.)='Send test event']")));
        browser.text(By.cssSelector("[data-provider=stripe] [data-testid=test-event-outcome-stripe]"), "Test event received");
        WebElement outcome = browser.find(By.cssSelector("[data-testid=test-event-outcome-stripe]"));
        assertThat(outcome.findElement(By.xpath("ancestor::*[@role='status']"))).isNotNull();
        assertThat(outcome.findElement(By.tagName("a")).getText()).startsWith("See delivery");
        eventually(() -> assertThat(rows(slug, "SELECT status, event_type FROM {schema}.deliveries")).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("status", "IGNORED")
                        .containsEntry("event_type", "switchboard.test_event")));
        shot("connections");

        // The event that the payment link sells, created in the console.
        browser.click(browser.link("Events"));
        browser.text(By.cssSelector(".empty"), "No events yet");
        browser.click(browser.link("New event"));
        browser.type(browser.field("Name"), "Atelier découverte céramique");
        browser.type(browser.field("Stripe payment link id (optional)"), PAYMENT_LINK);
        browser.click(browser.button("Create event"));
        browser.heading("Atelier découverte céramique");
        assertThat(browser.url()).matches(".*/console/events/\\d+$");
        shot("event");

        // Stripe sends the checkout; the attendee becomes PAID.
        byte[] checkout = fixture(CHECKOUT);
        assertThat(webhook(slug, "stripe", checkout, StripeSigner.headers(checkout, SECRET)).status()).isEqualTo(200);
        browser.click(browser.link("See attendees"));
        browser.heading("Attendees of Atelier découverte céramique");
        browser.until(() -> {
            if (browser.all(By.cssSelector("[data-testid=attendee-row]")).isEmpty()) {
                browser.button("Refresh").click();
                return false;
            }
            return true;
        });
        WebElement attendee = browser.find(By.cssSelector("[data-testid=attendee-row]"));
        assertThat(attendee.getText()).contains("Élodie Martin", "paid", "€45.00");
        shot("attendees");

        // The delivery, its payload, and a replay that leaves the same state.
        browser.click(browser.link("Deliveries"));
        browser.heading("Deliveries");
        WebElement row = browser.find(By.cssSelector("[data-testid=delivery-row]"));
        assertThat(row.getText()).contains("checkout.session.completed", "stripe", "processed");
        browser.click(browser.find(By.cssSelector("[data-testid=delivery-row] input[type=checkbox]")));
        browser.click(browser.button("Replay selected (1)"));
        browser.text(By.cssSelector("label[for=replay-progress]"), "Replayed 1 of 1");
        shot("deliveries");
        browser.click(browser.link("checkout.session.completed"));
        browser.heading("stripe checkout.session.completed");
        assertThat(browser.find(By.cssSelector("pre")).getText()).contains(PAYMENT_LINK);
        assertThat(browser.all(By.cssSelector("pre")).get(1).getText()).contains("\"stripe-signature\": \"••••••••\"").doesNotContain("v1=");
        browser.click(browser.button("Replay"));
        browser.text(By.cssSelector("[data-testid=delivery-status]"), "processed");
        shot("delivery");
        assertThat(rows(slug, "SELECT actor FROM {schema}.audit_log WHERE action = 'delivery.replay'"))
                .hasSize(2).allSatisfy(r -> assertThat(r.get("actor")).isEqualTo(slug + "/marie@example.fr"));
        assertThat(rows(slug, "SELECT payment_status FROM {schema}.attendee_events"))
                .containsExactly(Map.of("payment_status", "PAID"));

        // A template with its live preview; an invalid draft is pointed out next to its field.
        browser.click(browser.link("Templates"));
        browser.click(browser.link("Payment confirmed"));
        browser.heading("Template payment.confirmed");
        WebElement sms = browser.field("SMS text");
        browser.type(sms, "Merci {{contact.firstName}} ! A bientot pour {{#event}}{{name}}");
        browser.text(By.cssSelector(".field.invalid .field-error"), "line 1");
        assertThat(sms.getAttribute("aria-invalid")).isEqualTo("true");
        browser.type(sms, "Merci {{contact.firstName}} ! A bientot pour {{event.name}}");
        browser.text(By.cssSelector("[data-testid=preview-sms]"), "Merci Élodie ! A bientot pour Atelier découverte");
        browser.type(browser.field("Email subject"), "Votre place pour {{event.name}}");
        browser.type(browser.field("Email HTML body"), "<p>Bonjour {{contact.firstName}}, merci pour {{payment.amount}}.</p>");
        browser.text(By.cssSelector("[data-testid=template-preview]"), "Votre place pour Atelier découverte");
        browser.click(browser.button("Save template"));
        browser.text(By.cssSelector("form [role=status]"), "Saved");
        shot("template-editor");
        assertThat(api("GET", "/api/v1/tenants/" + slug + "/templates/payment.confirmed", adminToken(), null).json()
                .path("sms").asString()).isEqualTo("Merci {{contact.firstName}} ! A bientot pour {{event.name}}");

        browser.click(browser.link("Incidents"));
        browser.text(By.cssSelector(".empty"), "Nothing needs your attention");
        browser.click(browser.link("Messages"));
        browser.text(By.cssSelector(".empty"), "No messages yet");
        browser.click(browser.link("Overview"));
        browser.text(By.cssSelector(".stats"), "webhooks received");
        shot("overview");

        // GDPR erasure, confirmed by typing.
        browser.click(browser.link("Contacts"));
        browser.click(browser.link("Élodie Martin"));
        browser.text(By.xpath("//section[h2[@id='consent']]"), "No opt-out recorded");
        shot("contact");
        browser.click(browser.button("Erase contact"));
        WebElement confirm = browser.button("Erase for good");
        assertThat(confirm.isEnabled()).isFalse();
        browser.type(browser.field("Type ERASE to confirm"), "ERASE");
        browser.click(confirm);
        browser.heading("Contact erased");
        assertThat(rows(slug, "SELECT id FROM {schema}.contacts")).isEmpty();
        // The test event names nobody, so erasure leaves it alone.
        assertThat(rows(slug, "SELECT body FROM {schema}.deliveries WHERE event_type <> 'switchboard.test_event'"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.get("body")).isNull());
        browser.click(browser.link("Contacts"));
        browser.text(By.cssSelector(".empty"), "No contacts yet");
    }

    @Test
    void theConsoleWorksAtPhoneWidthWithTheKeyboard() throws IOException {
        String slug = tenantWithUser("phone", "paul@example.fr");
        browser.phone(390, 844);
        browser.open("/console/deliveries");
        browser.until(() -> browser.url().contains("/login"));
        browser.heading("Switchboard");
        shot("sign-in");
        signInOnForm(slug, "paul@example.fr");
        // The deep link survives the sign-in round trip.
        browser.heading("Deliveries");
        browser.text(By.cssSelector(".empty"), "No webhooks received yet");

        WebElement nav = browser.find(By.id("main")).findElement(By.xpath("preceding-sibling::nav"));
        assertThat(nav.isDisplayed()).isFalse();
        browser.find(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement skip = browser.focused();
        assertThat(skip.getText()).isEqualTo("Skip to content");
        assertThat(skip.getCssValue("outline-style")).isEqualTo("solid");
        skip.sendKeys(Keys.TAB);
        WebElement menu = browser.focused();
        assertThat(menu.getText()).isEqualTo("Menu");
        menu.sendKeys(Keys.ENTER);
        assertThat(menu.getAttribute("aria-expanded")).isEqualTo("true");
        browser.until(nav::isDisplayed);
        shot("phone-menu");
        nav.findElement(By.linkText("Events")).sendKeys(Keys.ENTER);
        browser.heading("Events");
        assertThat(browser.focused().getText()).isEqualTo("Events");
        assertThat(nav.isDisplayed()).isFalse();
        assertThat((Long) browser.script("return document.documentElement.clientWidth")).isEqualTo(390L);
        assertThat((Long) browser.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);

        // The first user brings a colleague in.
        browser.click(browser.button("Menu"));
        browser.click(browser.link("Team"));
        browser.type(browser.field("Email"), "lea@example.fr");
        browser.type(browser.field("Name"), "Léa");
        browser.type(browser.field("Password"), "short");
        browser.click(browser.button("Add to the team"));
        browser.text(By.cssSelector(".field-error"), "at least 12 characters");
        browser.type(browser.field("Password"), "another console password");
        browser.click(browser.button("Add to the team"));
        browser.text(By.cssSelector("[role=status]"), "lea@example.fr can now sign in");
        browser.text(By.cssSelector("table"), "Léa");
        assertThat(db().sql("SELECT role FROM platform.users WHERE tenant_slug = ? AND email = 'lea@example.fr'").param(slug)
                .query(String.class).single()).as("the form's default role").isEqualTo("MEMBER");
        assertThat(rows(slug, "SELECT actor FROM {schema}.audit_log WHERE action = 'user.create' ORDER BY id"))
                .extracting(r -> r.get("actor")).containsExactly(ADMIN_ID, slug + "/paul@example.fr");
    }

    private String tenantWithUser(String prefix, String email) {
        String slug = onboard(uniqueSlug(prefix));
        Response user = api("POST", "/api/v1/tenants/" + slug + "/users", adminToken(),
                Map.of("email", email, "name", "Console user", "password", PASSWORD, "role", "ADMIN"));
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        return slug;
    }

    private void signIn(String slug, String email) {
        browser.open("/console/");
        signInOnForm(slug, email);
    }

    private void signInOnForm(String slug, String email) {
        browser.until(() -> browser.url().contains("/login"));
        browser.type(browser.field("Business (its short name, such as jlf-events)"), slug);
        browser.type(browser.field("Email"), email);
        browser.type(browser.field("Password"), PASSWORD);
        browser.click(browser.button("Sign in"));
        browser.until(() -> browser.url().contains("/console/") && !browser.url().contains("/callback"));
    }

    private void shot(String name) throws IOException {
        String configured = System.getProperty("switchboard.console.screenshots");
        Path folder = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("target", "screenshots");
        browser.screenshot(folder, name);
    }
}
