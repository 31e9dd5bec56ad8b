package io.switchboard.connectors.sms;

import io.switchboard.connector.ConfigField;
import io.switchboard.connector.ConfigField.FieldType;
import io.switchboard.connector.ConnectorDescriptor;
import java.net.URI;
import java.util.List;

/**
 * The {@code sms} provider as tenants configure it: one Twilio connection serves both the inbound webhook
 * ({@link TwilioInboundSmsConnector}) and the outbound channel ({@link TwilioSmsChannel}).
 */
public final class TwilioSmsDescriptor {

    /** The provider id: the webhook path segment and the key of the tenant's connection. */
    public static final String PROVIDER_ID = "sms";
    /** Secret: the Twilio auth token, which signs webhooks and authenticates API calls. */
    public static final String AUTH_TOKEN = "authToken";
    /** Setting: the Twilio account SID ({@code AC...}). */
    public static final String ACCOUNT_SID = "accountSid";
    /** Setting: the sender number in E.164 form. */
    public static final String FROM_NUMBER = "fromNumber";
    /** Setting: the Messaging Service that picks the sender ({@code MG...}). */
    public static final String MESSAGING_SERVICE_SID = "messagingServiceSid";
    /** Setting: the country calling code applied to senders written in national form. */
    public static final String DEFAULT_COUNTRY_CODE = "defaultCountryCode";
    /** The event type of an inbound SMS. */
    public static final String INBOUND_SMS = "sms.inbound";

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(
            PROVIDER_ID,
            "SMS (Twilio)",
            "Receives SMS through Twilio (STOP/START keywords handled for opt-out compliance) and sends the"
                    + " tenant's SMS notifications.",
            List.of(
                    ConfigField.secret(AUTH_TOKEN, "Auth token",
                            "The Twilio account's auth token (Twilio Console, Account Info). Used to check the"
                                    + " X-Twilio-Signature of webhooks and to call the Messages API."),
                    ConfigField.setting(ACCOUNT_SID, "Account SID",
                            "The Twilio account SID, starting with AC. Webhooks from any other account are"
                                    + " refused.",
                            FieldType.TEXT),
                    ConfigField.optionalSetting(FROM_NUMBER, "Sender number",
                            "The Twilio number SMS are sent from, in E.164 form (+33...). Used in preference"
                                    + " to the Messaging Service when both are set; one of the two is required"
                                    + " to send.",
                            FieldType.TEXT),
                    ConfigField.optionalSetting(MESSAGING_SERVICE_SID, "Messaging Service SID",
                            "A Twilio Messaging Service (MG...) that picks the sender from its pool, used"
                                    + " when no sender number is set.",
                            FieldType.TEXT),
                    ConfigField.optionalSetting(DEFAULT_COUNTRY_CODE, "Default country calling code",
                            "The calling code (for example 33) given to sender numbers that arrive in"
                                    + " national form. Twilio normally sends E.164 numbers already.",
                            FieldType.TEXT)),
            List.of(INBOUND_SMS),
            URI.create("https://api.twilio.com"),
            List.of());

    private TwilioSmsDescriptor() {}

    /** The descriptor both Twilio extensions return. */
    public static ConnectorDescriptor create() {
        return DESCRIPTOR;
    }
}
