package io.switchboard.connector.command;

/** How urgent an incident is. */
public enum Severity {
    /** Worth knowing (an opt-out, a churn). */
    INFO,
    /** Needs a look (an unknown payment link). */
    WARNING,
    /** Something failed (a dead delivery, refused credentials). */
    ERROR
}
