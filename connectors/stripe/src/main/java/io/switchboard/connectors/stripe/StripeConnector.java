package io.switchboard.connectors.stripe;

import io.switchboard.connector.ConfigField;
import io.switchboard.connector.ConfigField.FieldType;
import io.switchboard.connector.ConnectorConfig;
import io.switchboard.connector.ConnectorContext;
import io.switchboard.connector.ConnectorDescriptor;
import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.Verification;
import io.switchboard.connector.WebhookConnector;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Stripe webhooks: Payment Link and Checkout purchases, payment confirmations, refunds, the subscription
 * lifecycle and invoice dunning. Requests are verified with stripe-java against the tenant's current and,
 * during a rotation, previous webhook secret; payloads are read as plain JSON so that endpoints pinned to
 * older API versions keep working.
 */
@Extension
public final class StripeConnector implements WebhookConnector {

    /** The provider id: the last segment of {@code /webhooks/{tenant}/stripe}. */
    public static final String PROVIDER_ID = "stripe";
    /** Secret: the endpoint's signing secret ({@code whsec_...}). */
    public static final String WEBHOOK_SECRET = "webhookSecret";
    /** Secret: the signing secret being rotated out, accepted until removed. */
    public static final String PREVIOUS_WEBHOOK_SECRET = "previousWebhookSecret";
    /** Secret: a restricted API key, for later calls to the Stripe API. */
    public static final String API_KEY = "apiKey";
    /** Setting: failed invoice payments after which the subscription's service is suspended. */
    public static final String DUNNING_MAX_FAILURES = "dunningMaxFailures";
    /** The default of {@link #DUNNING_MAX_FAILURES}, matching Stripe's default retry schedule. */
    public static final int DEFAULT_DUNNING_MAX_FAILURES = 3;
    /** The request header carrying Stripe's signature. */
    public static final String SIGNATURE_HEADER = "Stripe-Signature";

    /**
     * The type of the test event the console sends: Stripe's own types are its objects' names
     * ({@code checkout.session.completed}), so no real event carries this one.
     */
    public static final String TEST_EVENT_TYPE = "switchboard.test_event";

    /** What the JDK's UTF-8 decoder puts in place of a malformed byte sequence. */
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    private static final List<String> EVENT_TYPES = List.of(
            "checkout.session.completed",
            "payment_intent.succeeded",
            "charge.refunded",
            "customer.subscription.created",
            "customer.subscription.updated",
            "customer.subscription.deleted",
            "invoice.payment_succeeded",
            "invoice.payment_failed");

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(
            PROVIDER_ID,
            "Stripe",
            "Records Stripe payments, refunds, subscriptions and failed invoice payments.",
            List.of(
                    ConfigField.secret(WEBHOOK_SECRET, "Webhook signing secret",
                            "The endpoint's signing secret (whsec_...), shown in the Stripe Dashboard under"
                                    + " Developers > Webhooks > your endpoint."),
                    ConfigField.optionalSecret(PREVIOUS_WEBHOOK_SECRET, "Previous webhook signing secret",
                            "While rolling the signing secret, the old secret: requests signed with either are"
                                    + " accepted. Remove it once the old secret has expired."),
                    ConfigField.optionalSecret(API_KEY, "API key",
                            "A Stripe API key, preferably restricted to read access (rk_...), for lookups in"
                                    + " the Stripe API."),
                    ConfigField.optionalSetting(DUNNING_MAX_FAILURES, "Failed payments before suspension",
                            "How many failed invoice payments in a row suspend the subscription's service"
                                    + " (default " + DEFAULT_DUNNING_MAX_FAILURES + "; 0 never suspends).",
                            FieldType.INTEGER)),
            EVENT_TYPES,
            URI.create("https://api.stripe.com"),
            List.of());

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Verification verify(InboundRequest request, ConnectorContext context) {
        Optional<String> header = request.header(SIGNATURE_HEADER).filter(value -> !value.isBlank());
        if (header.isEmpty()) {
            return Verification.rejected("missing " + SIGNATURE_HEADER + " header");
        }
        byte[] body = request.body();
        Optional<String> payload = strictUtf8(body);
        if (payload.isEmpty()) {
            return Verification.rejected("body is not UTF-8 text");
        }
        StripeSignatureVerifier.Result signature = StripeSignatureVerifier.check(
                payload.get(), header.get(), activeSecrets(context.config()), context.clock());
        if (!signature.valid()) {
            return Verification.rejected(signature.reason());
        }
        // The envelope is enough here; interpret builds the full tree later, from the stored payload.
        Optional<StripeEnvelope> event = StripeEnvelope.read(payload.get());
        if (event.isEmpty()) {
            return Verification.rejected("body is not a Stripe event (id, type, created and data.object)");
        }
        return Verification.verified(
                new ReceivedEvent(event.get().id(), event.get().type(), event.get().created(), body));
    }

    /**
     * A Stripe-shaped event of type {@link #TEST_EVENT_TYPE} with a new {@code evt_} id, signed like Stripe
     * signs ({@code t=...,v1=...} over {@code t.body}) with the tenant's current webhook secret at the
     * context's "now".
     */
    @Override
    public Optional<InboundRequest> testRequest(String webhookUrl, ConnectorContext context) {
        return context.config().secret(WEBHOOK_SECRET)
                .map(secret -> StripeTestEvent.request(webhookUrl, secret, context.clock()));
    }

    @Override
    public Interpretation interpret(StoredDelivery delivery, ConnectorContext context) {
        Optional<StripeEvent> parsed = StripeEvent.parse(delivery.payloadText());
        if (parsed.isEmpty()) {
            return Interpretation.fail("the stored payload is not a Stripe event");
        }
        StripeEvent event = parsed.get();
        try {
            switch (event.type()) {
                case TEST_EVENT_TYPE:
                    return Interpretation.ignore("test event");
                case "checkout.session.completed":
                    return CheckoutSessionInterpreter.interpret(event);
                case "payment_intent.succeeded":
                    return PaymentInterpreter.paymentIntentSucceeded(event);
                case "charge.refunded":
                    return PaymentInterpreter.chargeRefunded(event);
                case "customer.subscription.created":
                case "customer.subscription.updated":
                case "customer.subscription.deleted":
                    return SubscriptionInterpreter.interpret(event);
                case "invoice.payment_succeeded":
                case "invoice.payment_failed":
                    return InvoiceInterpreter.interpret(event, dunningMaxFailures(context.config()));
                default:
                    return Interpretation.ignore("event type " + event.type() + " is not handled");
            }
        } catch (IncompleteEventException e) {
            return Interpretation.fail(event.type() + " " + event.id() + ": " + e.getMessage());
        }
    }

    /** The secrets a signature may match: the current one first, then the one being rotated out. */
    private static List<String> activeSecrets(ConnectorConfig config) {
        List<String> secrets = new ArrayList<>(2);
        config.secret(WEBHOOK_SECRET).ifPresent(secrets::add);
        config.secret(PREVIOUS_WEBHOOK_SECRET).ifPresent(secrets::add);
        return secrets;
    }

    private static int dunningMaxFailures(ConnectorConfig config) {
        long value = config.longSetting(DUNNING_MAX_FAILURES, DEFAULT_DUNNING_MAX_FAILURES);
        if (value < 0) {
            return DEFAULT_DUNNING_MAX_FAILURES;
        }
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    /**
     * Decodes the body, refusing malformed UTF-8: lenient decoding would map different byte sequences to the
     * same signed text. The JDK's replacing decoder (String's constructor) has fast paths that a reporting
     * CharsetDecoder lacks, and it turns every malformed sequence into U+FFFD, so only a text containing U+FFFD needs the strict decoder's verdict.
     */
    static Optional<String> strictUtf8(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.indexOf(REPLACEMENT_CHARACTER) < 0) {
            return Optional.of(text);
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
