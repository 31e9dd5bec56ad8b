package io.switchboard.connector.command;

/** Where a contact stands with the business. */
public enum ContactStatus {
    /** Interested, has not bought. */
    LEAD,
    /** Has paid or subscribed. */
    CUSTOMER,
    /** Was a subscriber and cancelled. */
    CHURNED,
    /** Said STOP: no SMS may reach them. */
    OPTED_OUT
}
