package io.switchboard.connector.command;

import java.util.Locale;
import java.util.Objects;

/**
 * An amount in the currency's smallest unit.
 *
 * @param minorUnits for example 4500 for 45.00 EUR
 * @param currency ISO 4217 code, lower case
 */
public record Money(long minorUnits, String currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        currency = currency.toLowerCase(Locale.ROOT);
    }

    /** An amount. */
    public static Money of(long minorUnits, String currency) {
        return new Money(minorUnits, currency);
    }
}
