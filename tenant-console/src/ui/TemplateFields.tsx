import type { NotificationTemplate } from "../api/types";
import { SelectField, TextArea, TextField } from "./components";

/** The keys the platform sends on its own; connectors may use others. */
export const TEMPLATE_KEYS = [
  { key: "payment.confirmed", label: "Payment confirmed" },
  { key: "booking.confirmed", label: "Booking confirmed" },
  { key: "booking.rescheduled", label: "Booking rescheduled" },
  { key: "booking.cancelled", label: "Booking cancelled" },
  { key: "lead.welcome", label: "Welcome a new lead" },
  { key: "invoice.payment_failed", label: "Invoice payment failed" },
  { key: "sms.opt_out.confirmation", label: "SMS opt-out confirmation" },
  { key: "sms.auto_reply", label: "SMS automatic reply" },
];

export const VARIABLES =
  "{{contact.firstName}} {{contact.lastName}} {{contact.email}} {{event.name}} {{event.startsAt}} {{payment.amount}} " +
  "{{booking.startsAt}} {{booking.url}} {{invoice.url}} {{tenant.name}}";

const LOCALES = [
  { value: "fr", label: "French (fr)" },
  { value: "en", label: "English (en)" },
  { value: "en-GB", label: "English, UK (en-GB)" },
  { value: "de", label: "German (de)" },
  { value: "es", label: "Spanish (es)" },
  { value: "it", label: "Italian (it)" },
  { value: "nl", label: "Dutch (nl)" },
];

/**
 * The parts of one template (SMS and email), with the API's validation errors next to the part they concern.
 * `errors` holds the API's field names below this template: sms, email.subject, email.html, email.text, locale.
 */
export function TemplateFields({
  value,
  onChange,
  errors,
}: {
  value: NotificationTemplate;
  onChange: (value: NotificationTemplate) => void;
  errors: Record<string, string>;
}) {
  const email = value.email ?? {};
  const setEmail = (part: "subject" | "html" | "text", text: string) =>
    onChange({ ...value, email: { ...email, [part]: text } });
  const options = LOCALES.some((l) => l.value === (value.locale ?? "fr"))
    ? LOCALES
    : [...LOCALES, { value: value.locale ?? "", label: value.locale ?? "" }];
  return (
    <>
      <SelectField
        label="Language"
        options={options}
        value={value.locale ?? "fr"}
        onChange={(e) => onChange({ ...value, locale: e.target.value })}
        error={errors.locale}
        hint="Dates and amounts are written for this language."
      />
      <TextArea
        label="SMS text"
        name="sms"
        rows={3}
        value={value.sms ?? ""}
        onChange={(e) => onChange({ ...value, sms: e.target.value })}
        error={errors.sms ?? errors.template}
        hint="Leave empty to send no SMS for this key."
      />
      <TextField
        label="Email subject"
        name="email-subject"
        value={email.subject ?? ""}
        onChange={(e) => setEmail("subject", e.target.value)}
        error={errors["email.subject"] ?? errors.email}
      />
      <TextArea
        label="Email HTML body"
        name="email-html"
        rows={6}
        value={email.html ?? ""}
        onChange={(e) => setEmail("html", e.target.value)}
        error={errors["email.html"]}
        hint="Variables are HTML-escaped."
      />
      <TextArea
        label="Email text body"
        name="email-text"
        rows={4}
        value={email.text ?? ""}
        onChange={(e) => setEmail("text", e.target.value)}
        error={errors["email.text"]}
        hint="Leave the email parts empty to send no email for this key."
      />
    </>
  );
}

/** The template as the API takes it: empty parts left out, so that channel is not used. */
export function cleanTemplate(t: NotificationTemplate): NotificationTemplate {
  const email = t.email ?? {};
  const hasEmail = !!(email.subject || email.html || email.text);
  return {
    locale: t.locale || "fr",
    ...(t.sms ? { sms: t.sms } : {}),
    ...(hasEmail ? { email: { subject: email.subject ?? "", html: email.html ?? "", text: email.text ?? "" } } : {}),
  };
}

/** The errors below a prefix ("notificationTemplates.payment.confirmed."), with the prefix removed. */
export function errorsBelow(errors: Record<string, string>, prefix: string): Record<string, string> {
  const below: Record<string, string> = {};
  for (const [field, problem] of Object.entries(errors)) {
    if (field.startsWith(prefix)) below[field.slice(prefix.length)] = problem;
    else if (field === prefix.replace(/\.$/, "")) below.template = problem;
  }
  return below;
}
