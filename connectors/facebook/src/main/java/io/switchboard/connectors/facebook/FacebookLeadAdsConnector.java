package io.switchboard.connectors.facebook;

import io.switchboard.connector.ConfigField;
import io.switchboard.connector.ConfigField.FieldType;
import io.switchboard.connector.ConnectorConfig;
import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.ConnectorDescriptor;
import io.switchboard.connector.HandshakeResponse;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.Verification;
import io.switchboard.connector.WebhookConnector;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Facebook Lead Ads: Meta's {@code leadgen} page webhooks, verified with the tenant's app secret, each lead
 * then read from the Graph API with the tenant's page access token and recorded as a lead.
 */
@Extension
public final class FacebookLeadAdsConnector implements WebhookConnector {

    /** Secret: the Meta app's secret, which signs every webhook. */
    public static final String APP_SECRET = "appSecret";
    /** Secret: a page access token allowed to read the page's leads. */
    public static final String PAGE_ACCESS_TOKEN = "pageAccessToken";
    /** Secret: the token the tenant typed into the Meta app's webhook settings. */
    public static final String VERIFY_TOKEN = "verifyToken";
    /** Setting: the Facebook page whose leads this connection takes. */
    public static final String PAGE_ID = "pageId";
    /** Setting: the Graph API version called, for example {@code v21.0}. */
    public static final String GRAPH_API_VERSION = "graphApiVersion";
    /** Setting: the calling code for phone numbers entered without one, for example {@code 33}. */
    public static final String DEFAULT_COUNTRY_CODE = "defaultCountryCode";
    /** The Graph API version used when the tenant sets none. */
    public static final String DEFAULT_GRAPH_API_VERSION = "v21.0";

    private static final Pattern GRAPH_VERSION = Pattern.compile("v[0-9]{1,3}\\.[0-9]{1,3}");
    private static final Pattern CALLING_CODE = Pattern.compile("[0-9]{1,3}");

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(
            "facebook",
            "Facebook Lead Ads",
            "Receives leads from Facebook and Instagram lead forms, reads them from the Graph API and records them"
                    + " as leads, which triggers the welcome SMS.",
            List.of(
                    ConfigField.optionalSecret(APP_SECRET, "App secret",
                            "The secret of your own Meta app (App settings > Basic): Meta signs every webhook with it."
                                    + " Leave empty when the operator's shared Meta app delivers your page's leads."),
                    ConfigField.secret(PAGE_ACCESS_TOKEN, "Page access token",
                            "A long-lived page access token granted leads_retrieval, pages_show_list,"
                                    + " pages_read_engagement, pages_manage_ads and pages_manage_metadata."),
                    ConfigField.optionalSecret(VERIFY_TOKEN, "Verify token",
                            "Any string you choose; type the same into your Meta app's webhook settings. Not needed"
                                    + " with the operator's shared Meta app."),
                    ConfigField.setting(PAGE_ID, "Page id",
                            "The id of the Facebook page whose leads this connection takes; leads of other"
                                    + " pages are stored and ignored.", FieldType.TEXT),
                    ConfigField.optionalSetting(GRAPH_API_VERSION, "Graph API version",
                            "The Graph API version to read leads with, for example v21.0 (default "
                                    + DEFAULT_GRAPH_API_VERSION + ").", FieldType.TEXT),
                    ConfigField.optionalSetting(DEFAULT_COUNTRY_CODE, "Default country calling code",
                            "The calling code for phone numbers entered without one, for example 33 for France.",
                            FieldType.TEXT)),
            List.of(PageWebhookParser.LEADGEN),
            URI.create("https://graph.facebook.com"),
            List.of());

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Optional<HandshakeResponse> handshake(InboundRequest request, ConnectorContext context) {
        return Optional.of(MetaSubscriptionHandshake.answer(request, context.config().secret(VERIFY_TOKEN)));
    }

    @Override
    public Verification verify(InboundRequest request, ConnectorContext context) {
        Optional<String> appSecret = context.config().secret(APP_SECRET);
        if (appSecret.isEmpty()) {
            return Verification.rejected(APP_SECRET + " is not configured");
        }
        Optional<String> problem = MetaSignatureVerifier.problem(request, appSecret.get());
        if (problem.isPresent()) {
            return Verification.rejected(problem.get());
        }
        return PageWebhookParser.parse(request.body(), context.clock());
    }

    /** Events of the operator's shared Meta app are routed to tenants by the page they belong to. */
    @Override
    public Optional<String> routingKey(ReceivedEvent event) {
        return LeadgenNotification.fromPayload(event.payload()).map(LeadgenNotification::pageId)
                .or(() -> PageWebhookParser.entryId(event.payload()));
    }

    /**
     * A page webhook signed with the tenant's app secret for the tenant's page, whose one change has the field
     * {@code switchboard.test_event} (see {@link FacebookTestEvent}). Empty without an app secret: the
     * operator's shared Meta app signs those connections' webhooks, and the tenant holds no secret to sign with.
     */
    @Override
    public Optional<InboundRequest> testRequest(String webhookUrl, ConnectorContext context) {
        Optional<String> appSecret = context.config().secret(APP_SECRET);
        Optional<String> pageId = context.config().setting(PAGE_ID).map(String::trim).filter(id -> !id.isEmpty());
        if (appSecret.isEmpty() || pageId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(FacebookTestEvent.request(webhookUrl, appSecret.get(), pageId.get(), context.clock()));
    }

    @Override
    public Interpretation interpret(StoredDelivery delivery, ConnectorContext context) {
        if (FacebookTestEvent.FIELD.equals(delivery.eventType())) {
            return Interpretation.ignore("test event");
        }
        if (!PageWebhookParser.LEADGEN.equals(delivery.eventType())) {
            return Interpretation.ignore("page field " + delivery.eventType() + " is not handled");
        }
        Optional<LeadgenNotification> notification = LeadgenNotification.fromPayload(delivery.payload());
        if (notification.isEmpty()) {
            return Interpretation.fail("stored leadgen payload has no leadgen_id");
        }
        ConnectorConfig config = context.config();
        Optional<String> pageId = config.setting(PAGE_ID);
        if (pageId.isEmpty()) {
            return Interpretation.fail(PAGE_ID + " is not configured");
        }
        if (!pageId.get().trim().equals(notification.get().pageId())) {
            return Interpretation.ignore("lead for page " + notification.get().pageId()
                    + ", but this connection takes page " + pageId.get().trim());
        }
        Optional<String> token = config.secret(PAGE_ACCESS_TOKEN);
        if (token.isEmpty()) {
            return Interpretation.fail(PAGE_ACCESS_TOKEN + " is not configured");
        }
        String version = config.setting(GRAPH_API_VERSION).map(String::trim).orElse(DEFAULT_GRAPH_API_VERSION);
        if (!GRAPH_VERSION.matcher(version).matches()) {
            return Interpretation.fail(GRAPH_API_VERSION + " must look like " + DEFAULT_GRAPH_API_VERSION);
        }
        GraphLeadClient.Outcome outcome =
                GraphLeadClient.fetch(context, version, notification.get().leadgenId(), token.get().trim());
        if (outcome instanceof GraphLeadClient.Outcome.NotFetched notFetched) {
            return notFetched.interpretation();
        }
        GraphLead lead = ((GraphLeadClient.Outcome.Found) outcome).lead();
        return LeadFormMapper.map(lead, notification.get(), callingCode(config), delivery.occurredAt());
    }

    private static String callingCode(ConnectorConfig config) {
        String value = config.setting(DEFAULT_COUNTRY_CODE).orElse("").trim().replaceFirst("^(\\+|00)", "");
        return CALLING_CODE.matcher(value).matches() ? value : "";
    }
}
