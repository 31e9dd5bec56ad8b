package io.switchboard.connector;

/** The kinds of outbound message. */
public enum Channel {
    /** A text message to a phone number in E.164 form. */
    SMS,
    /** An email to an address. */
    EMAIL
}
