package io.switchboard.platform.notify;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The variables a template sees: {@code contact.*}, {@code event.name}, {@code event.startsAt},
 * {@code payment.amount} (formatted with its currency), {@code booking.startsAt}, {@code tenant.name}, and the
 * trigger's own extra values, such as {@code booking.url} (where the person manages the booking) and
 * {@code invoice.url} (where the customer pays the invoice). Dates and amounts are formatted for the template's
 * locale.
 */
public final class TemplateScope {

    private TemplateScope() {}

    /**
     * Builds the scope.
     *
     * @param contact firstName, lastName, email, phone (values may be null)
     * @param event name and startsAt (Instant), or empty
     * @param variables the trigger's values; {@code payment.amount} in minor units with {@code payment.currency},
     *     {@code booking.startsAt} as ISO text
     */
    public static Map<String, Object> build(String tenantName, Map<String, Object> contact, Map<String, Object> event,
            Map<String, Object> variables, String locale, ZoneId zone) {
        Locale language = Locale.forLanguageTag(locale);
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(language).withZone(zone);
        Map<String, Object> scope = new LinkedHashMap<>(variables);
        scope.put("tenant", Map.of("name", tenantName));
        scope.put("contact", contact);
        Map<String, Object> eventScope = new LinkedHashMap<>(event);
        if (event.get("startsAt") instanceof Instant startsAt) {
            eventScope.put("startsAt", plainSpaces(dates.format(startsAt)));
        }
        scope.put("event", eventScope);
        if (variables.get("payment") instanceof Map<?, ?> payment && payment.get("amount") instanceof Number amount) {
            Map<String, Object> paymentScope = new LinkedHashMap<>();
            payment.forEach((k, v) -> paymentScope.put(String.valueOf(k), v));
            paymentScope.put("amount", money(amount.longValue(), String.valueOf(payment.get("currency")), language));
            scope.put("payment", paymentScope);
        }
        if (variables.get("booking") instanceof Map<?, ?> booking && booking.get("startsAt") instanceof String text
                && !text.isBlank()) {
            Map<String, Object> bookingScope = new LinkedHashMap<>();
            booking.forEach((k, v) -> bookingScope.put(String.valueOf(k), v));
            bookingScope.put("startsAt", plainSpaces(dates.format(Instant.parse(text))));
            scope.put("booking", bookingScope);
        }
        return scope;
    }

    static String money(long minorUnits, String currencyCode, Locale locale) {
        try {
            Currency currency = Currency.getInstance(currencyCode.toUpperCase(Locale.ROOT));
            NumberFormat format = NumberFormat.getCurrencyInstance(locale);
            format.setCurrency(currency);
            int digits = Math.max(0, currency.getDefaultFractionDigits());
            return plainSpaces(format.format(BigDecimal.valueOf(minorUnits, digits)));
        } catch (IllegalArgumentException e) {
            return BigDecimal.valueOf(minorUnits, 2).toPlainString() + " " + currencyCode.toUpperCase(Locale.ROOT);
        }
    }

    /**
     * Locales put no-break spaces in amounts ({@code 45,00 €}) and times; GSM-7 has none, and a single one turns a
     * whole SMS into UCS-2 (70 characters a segment instead of 160), so formatted values use plain spaces.
     */
    private static String plainSpaces(String formatted) {
        return formatted.replace('\u00A0', ' ').replace('\u202F', ' ');
    }
}
