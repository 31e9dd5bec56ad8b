import { useState, type FormEvent } from "react";
import { ApiError, api, call, tenant } from "../api/client";
import type { EventBody, EventView, NotificationTemplate } from "../api/types";
import { Link, navigate } from "../router";
import { ErrorBanner, Loading, PageHeader, SelectField, Status, TextField } from "../ui/components";
import { fromLocalInput, toLocalInput } from "../ui/format";
import { useAsync } from "../ui/hooks";
import { TEMPLATE_KEYS, TemplateFields, VARIABLES, cleanTemplate, errorsBelow } from "../ui/TemplateFields";

interface Draft {
  name: string;
  startsAt: string;
  stripePaymentLinkId: string;
  acuityAppointmentTypeId: string;
  templates: { key: string; template: NotificationTemplate }[];
}

function draftOf(event?: EventView): Draft {
  return {
    name: event?.name ?? "",
    startsAt: toLocalInput(event?.startsAt),
    stripePaymentLinkId: event?.stripePaymentLinkId ?? "",
    acuityAppointmentTypeId: event?.acuityAppointmentTypeId ?? "",
    templates: Object.entries(event?.notificationTemplates ?? {}).map(([key, template]) => ({ key, template })),
  };
}

export function EventEditor({ id }: { id?: string }) {
  const existing = useAsync(
    () =>
      id
        ? call(api.GET("/api/v1/tenants/{tenant}/events/{id}", { params: { path: { tenant: tenant(), id: Number(id) } } }))
        : Promise.resolve(undefined),
    [id],
  );
  if (id && existing.loading) return <Loading />;
  if (existing.error) return <ErrorBanner error={existing.error} />;
  return <EventForm key={existing.data?.updatedAt ?? "new"} event={existing.data} />;
}

function EventForm({ event }: { event?: EventView }) {
  const [draft, setDraftState] = useState(() => draftOf(event));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [newKey, setNewKey] = useState(TEMPLATE_KEYS[0].key);
  const setDraft = (next: Draft) => {
    setDraftState(next);
    setSaved(false);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(undefined);
    const body = {
      name: draft.name,
      startsAt: fromLocalInput(draft.startsAt),
      stripePaymentLinkId: draft.stripePaymentLinkId.trim() || null,
      acuityAppointmentTypeId: draft.acuityAppointmentTypeId.trim() || null,
      notificationTemplates: Object.fromEntries(draft.templates.map((t) => [t.key, cleanTemplate(t.template)])),
    };
    try {
      // null clears a field on the API; the generated body type does not spell that out.
      const sent = body as unknown as EventBody;
      const result = event
        ? await call(api.PATCH("/api/v1/tenants/{tenant}/events/{id}", {
            params: { path: { tenant: tenant(), id: Number(event.id) } },
            body: sent,
          }))
        : await call(api.POST("/api/v1/tenants/{tenant}/events", { params: { path: { tenant: tenant() } }, body: sent }));
      setErrors({});
      if (!event) {
        navigate(`/events/${result.id}`, { replace: true });
        return;
      }
      setSaved(true);
    } catch (error) {
      setErrors(error instanceof ApiError ? error.fieldErrors : {});
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const usedKeys = new Set(draft.templates.map((t) => t.key));
  const freeKeys = TEMPLATE_KEYS.filter((k) => !usedKeys.has(k.key));

  return (
    <>
      <PageHeader
        title={event ? event.name ?? "Event" : "New event"}
        actions={event && <Link to={`/events/${event.id}/attendees`}>See attendees</Link>}
      >
        {event ? "Change the event; attendees already recorded stay." : "Payments and bookings for the linked provider objects land on this event."}
      </PageHeader>
      <form onSubmit={submit} noValidate className="stack">
        <div className="card">
          <TextField
            label="Name"
            name="name"
            required
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            error={errors.name}
          />
          <TextField
            label="Starts at (optional)"
            name="startsAt"
            type="datetime-local"
            value={draft.startsAt}
            onChange={(e) => setDraft({ ...draft, startsAt: e.target.value })}
            error={errors.startsAt}
            hint="In your time zone."
          />
          <div className="grid-2">
            <TextField
              label="Stripe payment link id (optional)"
              name="stripePaymentLinkId"
              placeholder="plink_…"
              value={draft.stripePaymentLinkId}
              onChange={(e) => setDraft({ ...draft, stripePaymentLinkId: e.target.value })}
              error={errors.stripePaymentLinkId}
              hint="Checkouts through this link make attendees of this event."
            />
            <TextField
              label="Acuity appointment type id (optional)"
              name="acuityAppointmentTypeId"
              value={draft.acuityAppointmentTypeId}
              onChange={(e) => setDraft({ ...draft, acuityAppointmentTypeId: e.target.value })}
              error={errors.acuityAppointmentTypeId}
              hint="Bookings of this type make attendees of this event."
            />
          </div>
        </div>
        <h2>Notification templates for this event</h2>
        <p className="muted">
          Without one, your default <Link to="/templates">templates</Link> are used. Variables: <code>{VARIABLES}</code>
        </p>
        <ErrorBanner error={errors.notificationTemplates ? new Error(`Templates ${errors.notificationTemplates}`) : undefined} />
        {draft.templates.map((entry, index) => (
          <fieldset className="card" key={entry.key}>
            <legend>
              <strong>{entry.key}</strong>
            </legend>
            <TemplateFields
              value={entry.template}
              errors={errorsBelow(errors, `notificationTemplates.${entry.key}.`)}
              onChange={(template) =>
                setDraft({ ...draft, templates: draft.templates.map((t, i) => (i === index ? { ...t, template } : t)) })
              }
            />
            <button
              type="button"
              className="secondary small"
              onClick={() => setDraft({ ...draft, templates: draft.templates.filter((_, i) => i !== index) })}
            >
              Remove the {entry.key} template
            </button>
          </fieldset>
        ))}
        {freeKeys.length > 0 && (
          <div className="filters">
            <SelectField
              label="Add a template for"
              options={freeKeys.map((k) => ({ value: k.key, label: `${k.label} (${k.key})` }))}
              value={freeKeys.some((k) => k.key === newKey) ? newKey : freeKeys[0].key}
              onChange={(e) => setNewKey(e.target.value)}
            />
            <button
              type="button"
              className="secondary"
              onClick={() => {
                const key = freeKeys.some((k) => k.key === newKey) ? newKey : freeKeys[0].key;
                setDraft({ ...draft, templates: [...draft.templates, { key, template: { locale: "fr", sms: "" } }] });
              }}
            >
              Add template
            </button>
          </div>
        )}
        {failure !== undefined && <ErrorBanner error={failure} />}
        {saved && <Status tone="success">Saved.</Status>}
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : event ? "Save event" : "Create event"}
          </button>
          <Link to="/events">Back to events</Link>
        </div>
      </form>
    </>
  );
}
