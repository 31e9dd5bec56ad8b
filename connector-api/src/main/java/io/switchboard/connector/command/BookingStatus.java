package io.switchboard.connector.command;

/** The state of an attendee's booking. */
public enum BookingStatus {
    /** Booked. */
    BOOKED,
    /** Booked and moved to another time. */
    RESCHEDULED,
    /** Cancelled; a later booking command for the same appointment does not revive it unless newer. */
    CANCELLED
}
