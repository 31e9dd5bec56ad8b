package io.switchboard.connector.testkit;

import static io.switchboard.connector.testkit.ConnectorCalls.interpret;
import static io.switchboard.connector.testkit.ConnectorCalls.verifiedEvents;
import static io.switchboard.connector.testkit.ConnectorCalls.verify;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connector.InboundRequest;
import io.switchboard.connector.Interpretation;
import io.switchboard.connector.ReceivedEvent;
import io.switchboard.connector.StoredDelivery;
import io.switchboard.connector.Verification;
import io.switchboard.connector.WebhookConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link WebhookConnector} keeps, as a JUnit 5 test class to extend. A connector's test
 * folder holds one small subclass that says how to configure a tenant and how to sign a request; every
 * {@code @Test} here then runs against that connector:
 *
 * <ul>
 *   <li>the descriptor is valid, and the configured tenant uses only fields it declares;
 *   <li>a correctly signed request verifies to events with non-blank dedupe keys and types;
 *   <li>a body with one byte changed, a changed, empty or missing signature, a request signed with another
 *       tenant's secrets, and a connection without secrets are all rejected;
 *   <li>garbage bodies (empty, random bytes, 50,000 levels of JSON nesting, invalid UTF-8, ...) are
 *       rejected, and never make {@code verify} throw, signed or not;
 *   <li>dedupe keys are the same when the same request is delivered again;
 *   <li>{@code interpret} is deterministic, ends a valid delivery in Apply or Ignore calling only the API
 *       base URL's host or declared hosts, and fails or ignores an unreadable payload without throwing;
 *   <li>a test event, when the connector offers one, verifies only with the tenant's secrets and is
 *       ignored without a call to the provider;
 *   <li>the connector keeps no tenant state: no field can change, and tenants verified one after the other
 *       or at the same time never see each other's outcome.
 * </ul>
 *
 * <p>A minimal subclass (see the test kit's README for a complete one):
 *
 * <pre>{@code
 * class AcmeConnectorContractTest extends WebhookConnectorContractTest {
 *
 *     @Override
 *     protected WebhookConnector connector() {
 *         return new AcmeConnector();
 *     }
 *
 *     @Override
 *     protected FakeConnectorContext.Builder contextBuilder() {
 *         return FakeConnectorContext.builder().secret("signingSecret", "acme-test-secret");
 *     }
 *
 *     @Override
 *     protected InboundRequest validRequest(FakeConnectorContext context) {
 *         byte[] body = Fixtures.bytes("acme/order_created.json");
 *         String secret = context.config().secret("signingSecret").orElseThrow();
 *         return InboundRequests.post()
 *                 .header("Content-Type", "application/json")
 *                 .header("X-Acme-Signature", HexFormat.of().formatHex(Signatures.hmac("HmacSHA256", secret, body)))
 *                 .body(body)
 *                 .build();
 *     }
 *
 *     @Override
 *     protected String signatureHeader() {
 *         return "X-Acme-Signature";
 *     }
 * }
 * }</pre>
 *
 * <p>When {@code interpret} calls the provider's API, start a local fake (WireMock on a dynamic port) in the
 * subclass's {@code @BeforeEach}, stub the calls the valid request leads to, and point
 * {@link FakeConnectorContext.Builder#apiBaseUrl(String)} at it in {@link #contextBuilder()}. The kit itself
 * does not depend on WireMock.
 *
 * <p>The contract methods are public so that a subclass can override one, for example to add a
 * {@code @Disabled("reason")} where a provider's scheme makes a check meaningless; say why. The class keeps
 * no JUnit lifecycle methods of its own, so a subclass's {@code @BeforeEach} and {@code @AfterEach} are the
 * only ones that run.
 */
public abstract class WebhookConnectorContractTest {

    /** Concurrent verifications in {@link #tenantsVerifiedTogetherKeepTheirOwnOutcome()}. */
    private static final int CONCURRENT_CALLS = 64;

    /**
     * The connector under test. It may return the same instance or a new one each time: a contract test asks
     * once and uses that instance throughout, as the platform does, and asks again only to compare two
     * instances.
     */
    protected abstract WebhookConnector connector();

    /**
     * A fresh builder for a fully configured tenant: every required setting and secret, and the API base URL
     * of a local fake when {@code interpret} calls the provider's API. Called many times; each call must
     * return a new builder with the same configuration.
     */
    protected abstract FakeConnectorContext.Builder contextBuilder();

    /**
     * A request the provider would send to this tenant, correctly signed with the tenant's secrets in
     * {@code context} (read them and the clock from it: {@code context.config().secret(...)},
     * {@code context.clock().instant()} for schemes that sign a timestamp). Prefer a real payload from the
     * fixtures, signed with the provider SDK's own helper where one exists.
     */
    protected abstract InboundRequest validRequest(FakeConnectorContext context);

    /**
     * The name of the request header that carries the signature, for the default
     * {@link #requestsWithBrokenSignatures(InboundRequest)}.
     */
    protected abstract String signatureHeader();

    /**
     * The given body signed for the tenant in {@code context} exactly as {@link #validRequest} is signed.
     * With it, the garbage bodies get past the signature and reach the connector's parser, which is where
     * they do harm. Empty, the default, limits the garbage checks to unsigned bodies.
     */
    protected Optional<InboundRequest> signedRequest(byte[] body, FakeConnectorContext context) {
        return Optional.empty();
    }

    /**
     * Copies of the valid request whose signature is wrong, by what was done to them. The default removes
     * {@link #signatureHeader()}, empties it, flips one character in its middle and replaces it with a few
     * malformed values. Override to add cases, or to replace them when the signature is not in a header.
     */
    protected Map<String, InboundRequest> requestsWithBrokenSignatures(InboundRequest valid) {
        return RequestVariants.brokenSignatures(valid, signatureHeader());
    }

    /**
     * Bodies no provider sends, by name: empty, random bytes, JSON nested 50,000 levels deep, invalid UTF-8,
     * JSON of the wrong shape, a form without fields. Override to add provider-specific ones: copy
     * {@code super.garbageBodies()} into a new map and add to it.
     */
    protected Map<String, byte[]> garbageBodies() {
        return GarbageBodies.standard();
    }

    /**
     * The descriptor has a slug provider id, a display name and description, labelled and described fields
     * with distinct names, credentials flagged secret, at least one event type, and a usable API base URL;
     * it is the same on every call.
     */
    @Test
    public void descriptorIsValid() {
        WebhookConnector connector = connector();

        DescriptorContract.assertValid(connector.descriptor(), true);
        assertThat(connector.descriptor()).as("descriptor on a second call").isEqualTo(connector.descriptor());
    }

    /**
     * The configured tenant of {@link #contextBuilder()} sets every required field and nothing the descriptor
     * does not declare, each as the kind (secret or setting) declared: a typo here would hide a real bug.
     */
    @Test
    public void configuredTenantUsesTheDeclaredFields() {
        DescriptorContract.assertConfigurationIsDeclared(connector().descriptor(), newContext().config());
    }

    /** The valid request verifies to at least one event, each with its own non-blank dedupe key and a type. */
    @Test
    public void validRequestIsVerified() {
        FakeConnectorContext context = newContext();

        List<ReceivedEvent> events = verifiedEvents(connector(), validRequest(context), context);

        assertThat(events).as("events of the valid request").isNotEmpty().allSatisfy(event -> {
            assertThat(event.dedupeKey()).as("dedupe key").isNotBlank();
            assertThat(event.eventType()).as("event type").isNotBlank();
            assertThat(event.occurredAt()).as("occurrence time").isNotNull();
        });
        assertThat(events).extracting(ReceivedEvent::dedupeKey).as("dedupe keys within one request")
                .doesNotHaveDuplicates();
    }

    /** Changing one bit of the body, at its start, middle or end, makes the request unverifiable. */
    @Test
    public void bodyWithOneByteChangedIsRejected() {
        WebhookConnector connector = connector();
        FakeConnectorContext context = newContext();
        InboundRequest valid = validRequest(context);
        byte[] body = valid.body();
        assertThat(body).as("the valid request's body").isNotEmpty();

        for (int index : new int[] {0, body.length / 2, body.length - 1}) {
            InboundRequest tampered = RequestVariants.withBody(valid, RequestVariants.flipByte(body, index));
            assertThat(verify(connector, tampered, context))
                    .as("body changed at byte %d of %d", index, body.length)
                    .isInstanceOf(Verification.Rejected.class);
        }
    }

    /** A request whose signature was removed, emptied, altered or replaced by junk is rejected. */
    @Test
    public void brokenSignatureIsRejected() {
        WebhookConnector connector = connector();
        FakeConnectorContext context = newContext();

        requestsWithBrokenSignatures(validRequest(context)).forEach((what, request) ->
                assertThat(verify(connector, request, context)).as("signature %s", what)
                        .isInstanceOf(Verification.Rejected.class));
    }

    /**
     * A request signed for this tenant is rejected when checked with another tenant's secrets (the same
     * settings, every secret different): the connector verifies with the secrets of the call, not others.
     */
    @Test
    public void requestCheckedWithAnotherTenantsSecretsIsRejected() {
        FakeConnectorContext tenant = newContext();
        FakeConnectorContext otherTenant = otherTenantContext();
        assertThat(tenant.config().secrets()).as("secrets of the configured tenant").isNotEmpty();

        assertThat(verify(connector(), validRequest(tenant), otherTenant)).isInstanceOf(Verification.Rejected.class);
    }

    /** A connection whose secrets were never entered rejects every request instead of throwing. */
    @Test
    public void connectionWithoutSecretsRejects() {
        FakeConnectorContext context = newContext();
        InboundRequest valid = validRequest(context);

        assertThat(verify(connector(), valid, ContextVariants.withoutSecrets(context)))
                .isInstanceOf(Verification.Rejected.class);
    }

    /** Garbage bodies under the valid request's headers (so its signature no longer matches) are rejected. */
    @Test
    public void unsignedGarbageIsRejected() {
        WebhookConnector connector = connector();
        FakeConnectorContext context = newContext();
        InboundRequest valid = validRequest(context);

        garbageBodies().forEach((what, body) ->
                assertThat(verify(connector, RequestVariants.withBody(valid, body), context)).as(what)
                        .isInstanceOf(Verification.Rejected.class));
    }

    /**
     * Garbage bodies correctly signed (when {@link #signedRequest} is provided) reach the parser and never
     * make {@code verify} throw; whatever it accepts carries proper events.
     */
    @Test
    public void signedGarbageNeverThrows() {
        WebhookConnector connector = connector();
        FakeConnectorContext context = newContext();

        garbageBodies().forEach((what, body) -> signedRequest(body, context).ifPresent(request -> {
            Verification verification = verify(connector, request, context);
            if (verification instanceof Verification.Verified verified) {
                assertThat(verified.events()).as("events accepted from %s", what)
                        .allSatisfy(event -> assertThat(event.eventType()).isNotBlank());
            }
        }));
    }

    /**
     * The same request delivered twice (the provider retries after a lost answer) gives the same dedupe keys,
     * also from another instance of the connector (another platform node, or after a restart).
     */
    @Test
    public void dedupeKeysAreStableAcrossRedelivery() {
        FakeConnectorContext context = newContext();
        InboundRequest request = validRequest(context);
        WebhookConnector connector = connector();

        List<String> first = keys(verifiedEvents(connector, request, context));
        List<String> again = keys(verifiedEvents(connector, request, newContext()));
        List<String> elsewhere = keys(verifiedEvents(connector(), request, newContext()));

        assertThat(again).as("dedupe keys on redelivery").isEqualTo(first);
        assertThat(elsewhere).as("dedupe keys on another instance").isEqualTo(first);
    }

    /** Interpreting the same stored delivery twice gives equal interpretations. */
    @Test
    public void interpretIsDeterministic() {
        WebhookConnector connector = connector();

        for (StoredDelivery delivery : storedDeliveries(connector)) {
            Interpretation first = interpret(connector, delivery, newContext());
            Interpretation second = interpret(connector, delivery, newContext());

            assertThat(second).as("second interpretation of %s", delivery.eventType()).isEqualTo(first);
        }
    }

    /**
     * Each event of the valid request, with the provider's API fake in place, ends in Apply or Ignore (not a
     * failure or a retry), and every HTTP call went to the API base URL's host or a declared host.
     */
    @Test
    public void validDeliveryIsInterpretedThroughDeclaredHostsOnly() {
        WebhookConnector connector = connector();

        for (StoredDelivery delivery : storedDeliveries(connector)) {
            FakeConnectorContext context = newContext();
            Interpretation interpretation = interpret(connector, delivery, context);

            assertThat(interpretation).as("interpretation of %s", delivery.eventType())
                    .isInstanceOfAny(Interpretation.Apply.class, Interpretation.Ignore.class);
            List<String> hosts = new ArrayList<>(connector.descriptor().allowedHosts());
            hosts.add(context.apiBaseUrl().getHost());
            assertThat(context.recordedHttp().calls()).as("HTTP calls made by interpret")
                    .allSatisfy(call -> assertThat(call.uri().getHost()).isIn(hosts));
        }
    }

    /**
     * A stored payload that cannot be read (the event type of a real event, garbage bytes) fails or is
     * ignored, without throwing: retrying cannot make it readable.
     */
    @Test
    public void unreadablePayloadFailsOrIsIgnored() {
        WebhookConnector connector = connector();
        StoredDelivery real = storedDeliveries(connector).get(0);

        garbageBodies().forEach((what, body) -> {
            StoredDelivery garbage = new StoredDelivery(real.id(), real.dedupeKey(), real.eventType(),
                    real.occurredAt(), real.receivedAt(), body, 1);
            assertThat(interpret(connector, garbage, newContext())).as("interpretation of %s", what)
                    .isInstanceOfAny(Interpretation.Fail.class, Interpretation.Ignore.class);
        });
    }

    /**
     * No field of the connector can carry state from one call to the next: every field is final, and final
     * instance fields hold no arrays, modifiable collections, atomics or thread-locals.
     */
    @Test
    public void connectorKeepsNoStateInFields() {
        assertThat(StatelessConnectorCheck.mutableState(connector()))
                .as("fields that could carry one tenant's state into another tenant's call")
                .isEmpty();
    }

    /**
     * Tenants verified one after the other on one instance each get their own outcome: a success for one
     * tenant does not let another tenant's wrong secret through, and a rejection does not stick.
     */
    @Test
    public void tenantsVerifiedInTurnKeepTheirOwnOutcome() {
        WebhookConnector connector = connector();
        FakeConnectorContext tenant = newContext();
        InboundRequest request = validRequest(tenant);

        for (int round = 1; round <= 3; round++) {
            assertThat(verify(connector, request, tenant)).as("tenant, round %d", round)
                    .isInstanceOf(Verification.Verified.class);
            assertThat(verify(connector, request, otherTenantContext())).as("other tenant, round %d", round)
                    .isInstanceOf(Verification.Rejected.class);
        }
    }

    /** The same holds when the two tenants' requests are verified at the same time on one instance. */
    @Test
    public void tenantsVerifiedTogetherKeepTheirOwnOutcome() throws InterruptedException {
        WebhookConnector connector = connector();
        FakeConnectorContext tenant = newContext();
        FakeConnectorContext otherTenant = otherTenantContext();
        InboundRequest request = validRequest(tenant);

        List<Verification> outcomes = ConcurrentCalls.run(CONCURRENT_CALLS,
                call -> connector.verify(request, call % 2 == 0 ? tenant : otherTenant));

        for (int call = 0; call < outcomes.size(); call++) {
            assertThat(outcomes.get(call)).as("call %d, for the %s", call, call % 2 == 0 ? "tenant" : "other tenant")
                    .isInstanceOf(call % 2 == 0 ? Verification.Verified.class : Verification.Rejected.class);
        }
    }

    /**
     * When the connector offers a test event: it verifies with the tenant's secrets and not with another
     * tenant's, each one has a new dedupe key, and interpret ignores it without any HTTP call.
     */
    @Test
    public void testEventVerifiesAndIsIgnoredWithoutCalls() {
        WebhookConnector connector = connector();
        FakeConnectorContext tenant = newContext();
        String webhookUrl = validRequest(tenant).publicUrl();
        Optional<InboundRequest> first = connector.testRequest(webhookUrl, tenant);
        if (first.isEmpty()) {
            return;
        }
        InboundRequest second = connector.testRequest(webhookUrl, tenant).orElseThrow();

        List<ReceivedEvent> events = verifiedEvents(connector, first.get(), tenant);
        assertThat(verify(connector, first.get(), otherTenantContext())).as("test event, other tenant's secrets")
                .isInstanceOf(Verification.Rejected.class);
        assertThat(keys(events)).as("dedupe keys of two test events")
                .doesNotContainAnyElementsOf(keys(verifiedEvents(connector, second, tenant)));
        for (ReceivedEvent event : events) {
            FakeConnectorContext context = newContext();
            StoredDelivery delivery = new StoredDelivery("contract-test-event", event.dedupeKey(), event.eventType(),
                    event.occurredAt(), context.clock().instant(), event.payload(), 1);
            assertThat(interpret(connector, delivery, context)).as("interpretation of the test event")
                    .isInstanceOf(Interpretation.Ignore.class);
            assertThat(context.recordedHttp().calls()).as("HTTP calls made for the test event").isEmpty();
        }
    }

    /** A context for the configured tenant: {@code contextBuilder().build()}. */
    protected final FakeConnectorContext newContext() {
        return contextBuilder().build();
    }

    /** A context for another tenant: the configured tenant's settings, every secret different. */
    protected final FakeConnectorContext otherTenantContext() {
        return ContextVariants.otherTenant(contextBuilder()).build();
    }

    /**
     * The deliveries the platform would store for the valid request: one per event, received at the
     * context clock's "now", first attempt.
     */
    protected final List<StoredDelivery> storedDeliveries(WebhookConnector connector) {
        FakeConnectorContext context = newContext();
        List<StoredDelivery> deliveries = new ArrayList<>();
        for (ReceivedEvent event : verifiedEvents(connector, validRequest(context), context)) {
            deliveries.add(new StoredDelivery("contract-delivery-" + (deliveries.size() + 1), event.dedupeKey(),
                    event.eventType(), event.occurredAt(), context.clock().instant(), event.payload(), 1));
        }
        return deliveries;
    }

    private static List<String> keys(List<ReceivedEvent> events) {
        return events.stream().map(ReceivedEvent::dedupeKey).toList();
    }
}
