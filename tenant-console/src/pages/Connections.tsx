import { useState, type FormEvent } from "react";
import { ApiError, api, call, tenant } from "../api/client";
import type { ConfigField, ConnectionView, ConnectorView, TestEventResult } from "../api/types";
import { Link } from "../router";
import { Badge, Checkbox, CopyButton, Empty, ErrorBanner, Loading, PageHeader, Status, TextArea, TextField } from "../ui/components";
import { useAsync } from "../ui/hooks";

async function load() {
  const path = { tenant: tenant() };
  const [connectors, connections, me] = await Promise.all([
    call(api.GET("/api/v1/connectors")),
    call(api.GET("/api/v1/tenants/{tenant}/connections", { params: { path } })),
    call(api.GET("/api/v1/tenants/{tenant}", { params: { path } })),
  ]);
  const items = connections.items ?? [];
  const connected = (c: ConnectorView) => (items.some((i) => i.provider === c.providerId) ? 0 : 1);
  // The providers in use first, then the others by name; the order stays put while the page is open.
  const sorted = [...(connectors.items ?? [])].sort(
    (a, b) => connected(a) - connected(b) || (a.displayName ?? "").localeCompare(b.displayName ?? ""),
  );
  return { connectors: sorted, connections: items, webhookBase: me.webhookBaseUrl ?? "" };
}

export function Connections() {
  const state = useAsync(load, []);
  return (
    <>
      <PageHeader title="Connections">
        Connect each provider you use: its form comes from the connector itself. Secrets are stored encrypted and never
        shown again; leave a secret empty to keep the one already set.
      </PageHeader>
      <ErrorBanner error={state.error} />
      {state.loading && !state.data && <Loading />}
      {state.data && state.data.connectors.length === 0 && (
        <Empty title="No connector is installed on this platform">Ask the platform's operator to add connector plugins.</Empty>
      )}
      {state.data && (
        <div className="cards">
          {state.data.connectors.map((connector) => (
            <ConnectionCard
              key={connector.providerId}
              connector={connector}
              connection={state.data!.connections.find((c) => c.provider === connector.providerId)}
              webhookBase={state.data!.webhookBase}
            />
          ))}
        </div>
      )}
    </>
  );
}

function ConnectionCard({
  connector,
  connection: initial,
  webhookBase,
}: {
  connector: ConnectorView;
  connection?: ConnectionView;
  webhookBase: string;
}) {
  const provider = connector.providerId ?? "";
  const fields = connector.fields ?? [];
  const [connection, setConnection] = useState(initial);
  const [settings, setSettings] = useState<Record<string, string | boolean>>(() => initialSettings(fields, initial));
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [removed, setRemoved] = useState<Record<string, boolean>>({});
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const webhookUrl = connection?.webhookUrl ?? `${webhookBase}/${provider}`;
  const headingId = `connector-${provider}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    setFailure(undefined);
    const parseErrors: Record<string, string> = {};
    const settingValues: Record<string, unknown> = {};
    for (const field of fields.filter((f) => !f.secret)) {
      const raw = settings[field.name ?? ""];
      const value = toSetting(field, raw, (problem) => (parseErrors[`settings.${field.name}`] = problem));
      if (value !== undefined) settingValues[field.name ?? ""] = value;
    }
    if (Object.keys(parseErrors).length) {
      setErrors(parseErrors);
      setBusy(false);
      return;
    }
    const secretValues: Record<string, string> = {};
    Object.entries(secrets).forEach(([name, value]) => value && (secretValues[name] = value));
    Object.entries(removed).forEach(([name, yes]) => yes && (secretValues[name] = ""));
    try {
      const updated = await call(
        api.PUT("/api/v1/tenants/{tenant}/connections/{provider}", {
          params: { path: { tenant: tenant(), provider } },
          body: { enabled, settings: settingValues, secrets: secretValues },
        }),
      );
      setConnection(updated);
      setSecrets({});
      setRemoved({});
      setErrors({});
      setSaved(true);
    } catch (error) {
      setErrors(error instanceof ApiError ? error.fieldErrors : {});
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={headingId} data-provider={provider}>
      <div className="card-header">
        <h2 id={headingId} style={{ margin: 0 }}>
          {connector.displayName}
        </h2>
        <Badge value={connection ? (connection.enabled ? "CONNECTED" : "DISABLED") : "NOT_CONNECTED"} />
      </div>
      <p className="muted small">{connector.description}</p>
      {connector.receivesWebhooks && (
        <>
          <p className="small" style={{ margin: 0 }}>
            Webhook URL to paste into {connector.displayName}:
          </p>
          <div className="webhook-url">
            <code data-testid={`webhook-url-${provider}`}>{webhookUrl}</code>
            <CopyButton text={webhookUrl} label="Copy URL" />
          </div>
        </>
      )}
      <form className="stack" onSubmit={submit} noValidate>
        {fields.map((field) =>
          field.secret ? (
            <SecretInput
              key={field.name}
              field={field}
              isSet={!!connection?.secretsSet?.includes(field.name ?? "")}
              value={secrets[field.name ?? ""] ?? ""}
              removed={!!removed[field.name ?? ""]}
              error={errors[`secrets.${field.name}`]}
              onChange={(value) => setSecrets((s) => ({ ...s, [field.name ?? ""]: value }))}
              onRemove={(yes) => setRemoved((r) => ({ ...r, [field.name ?? ""]: yes }))}
            />
          ) : (
            <SettingInput
              key={field.name}
              field={field}
              value={settings[field.name ?? ""]}
              error={errors[`settings.${field.name}`]}
              onChange={(value) => setSettings((s) => ({ ...s, [field.name ?? ""]: value }))}
            />
          ),
        )}
        <Checkbox
          label="Enabled"
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
          hint="While disabled, its webhooks are refused and nothing is sent through it."
        />
        {failure !== undefined && <ErrorBanner error={failure} />}
        {saved && <Status tone="success">Saved. {connector.displayName} is {enabled ? "connected" : "disabled"}.</Status>}
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : connection ? `Save ${connector.displayName}` : `Connect ${connector.displayName}`}
          </button>
        </div>
      </form>
      {connector.testEvents && connection?.enabled && <TestEvent provider={provider} name={connector.displayName ?? provider} />}
    </section>
  );
}

/**
 * Sends the connector's signed test event through the tenant's own webhook: it is verified, stored and processed
 * like the provider's, and ignored, so no record changes. The outcome is announced in a status region.
 */
function TestEvent({ provider, name }: { provider: string; name: string }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TestEventResult>();
  const [failure, setFailure] = useState<unknown>();

  const send = async () => {
    setBusy(true);
    setResult(undefined);
    setFailure(undefined);
    try {
      setResult(
        await call(
          api.POST("/api/v1/tenants/{tenant}/connections/{provider}/test", {
            params: { path: { tenant: tenant(), provider } },
          }),
        ),
      );
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const accepted = result?.status === "ACCEPTED";
  return (
    <div className="stack test-event" data-testid={`test-event-${provider}`}>
      <div className="form-actions">
        <button type="button" className="secondary" onClick={send} disabled={busy}>
          {busy ? "Sending test event…" : "Send test event"}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {busy && <p className="muted small">Sending a signed {name} test event through this connection…</p>}
        {result && (
          <p className={`banner ${accepted ? "success" : "error"}`} data-testid={`test-event-outcome-${provider}`}>
            {accepted ? "Test event received. " : "Test event not accepted. "}
            {result.detail} (HTTP {result.httpStatus}).
            {result.deliveryId && (
              <>
                {" "}
                <Link to={`/deliveries/${result.deliveryId}`}>See delivery {result.deliveryId}</Link>
              </>
            )}
          </p>
        )}
      </div>
      {failure !== undefined && <ErrorBanner error={failure} />}
    </div>
  );
}

function SecretInput(props: {
  field: ConfigField;
  isSet: boolean;
  value: string;
  removed: boolean;
  error?: string;
  onChange: (value: string) => void;
  onRemove: (yes: boolean) => void;
}) {
  const { field, isSet } = props;
  return (
    <>
      <TextField
        label={`${field.label}${field.required ? "" : " (optional)"}`}
        type="password"
        autoComplete="new-password"
        name={`secret-${field.name}`}
        placeholder={isSet ? "•••••••• set — type to replace" : "not set"}
        value={props.value}
        disabled={props.removed}
        onChange={(e) => props.onChange(e.target.value)}
        hint={`${field.description} ${isSet ? "A value is set." : ""}`}
        error={props.error}
      />
      {isSet && !field.required && (
        <Checkbox label={`Remove ${field.label}`} checked={props.removed} onChange={(e) => props.onRemove(e.target.checked)} />
      )}
    </>
  );
}

function SettingInput(props: {
  field: ConfigField;
  value: string | boolean | undefined;
  error?: string;
  onChange: (value: string | boolean) => void;
}) {
  const { field } = props;
  const label = `${field.label}${field.required ? "" : " (optional)"}`;
  if (field.type === "BOOLEAN") {
    return (
      <Checkbox label={label} hint={field.description} checked={props.value === true} onChange={(e) => props.onChange(e.target.checked)} />
    );
  }
  if (field.type === "STRING_MAP") {
    return (
      <TextArea
        label={label}
        name={`setting-${field.name}`}
        hint={`${field.description} A JSON object, such as {"Phone": "phone"}.`}
        value={String(props.value ?? "")}
        error={props.error}
        onChange={(e) => props.onChange(e.target.value)}
      />
    );
  }
  return (
    <TextField
      label={label}
      name={`setting-${field.name}`}
      type={field.type === "INTEGER" ? "number" : "text"}
      inputMode={field.type === "INTEGER" ? "numeric" : undefined}
      hint={field.description}
      value={String(props.value ?? "")}
      error={props.error}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}

function initialSettings(fields: ConfigField[], connection?: ConnectionView): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  for (const field of fields.filter((f) => !f.secret)) {
    const current = connection?.settings?.[field.name ?? ""];
    if (current === undefined || current === null) continue;
    if (field.type === "BOOLEAN") values[field.name ?? ""] = current === true;
    else if (field.type === "STRING_MAP") values[field.name ?? ""] = JSON.stringify(current, null, 2);
    else values[field.name ?? ""] = String(current);
  }
  return values;
}

/** The typed value to send for a setting; undefined to leave it out (an empty optional field). */
function toSetting(field: ConfigField, raw: string | boolean | undefined, problem: (text: string) => void): unknown {
  if (field.type === "BOOLEAN") return raw === true;
  const text = typeof raw === "string" ? raw.trim() : "";
  if (!text) return undefined;
  if (field.type === "INTEGER") {
    if (!/^-?\d+$/.test(text)) problem("must be a whole number");
    return Number(text);
  }
  if (field.type === "STRING_MAP") {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error();
      return parsed;
    } catch {
      problem('must be a JSON object of texts, such as {"Phone": "phone"}');
      return undefined;
    }
  }
  return text;
}
