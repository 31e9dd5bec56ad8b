package io.switchboard.connector.command;

/** A change to a tenant's records, produced by a connector and applied by the platform. */
public sealed interface Command
        permits UpsertContact,
                CreateLead,
                RecordPayment,
                RecordRefund,
                RecordBooking,
                UpdateSubscription,
                RecordInvoice,
                OptOut,
                OptIn,
                LogIncident,
                SendNotification,
                RecordContactActivity {}
