import { useState } from "react";
import { api, call, tenant } from "../api/client";
import { Link } from "../router";
import { Badge, ConfirmDialog, ErrorBanner, Loading, PageHeader, Status } from "../ui/components";
import { formatTime, personName } from "../ui/format";
import { useAsync } from "../ui/hooks";

export function ContactDetail({ id }: { id: string }) {
  const path = { tenant: tenant(), id: Number(id) };
  const contact = useAsync(() => call(api.GET("/api/v1/tenants/{tenant}/contacts/{id}", { params: { path } })), [id]);
  const messages = useAsync(
    () =>
      call(api.GET("/api/v1/tenants/{tenant}/messages", { params: { path: { tenant: tenant() }, query: { contactId: Number(id), limit: 20 } } })),
    [id],
  );
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [erased, setErased] = useState<string>();
  const [exported, setExported] = useState(false);

  const download = async () => {
    setFailure(undefined);
    try {
      const data = await call(api.GET("/api/v1/tenants/{tenant}/contacts/{id}/export", { params: { path } }));
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = `contact-${id}-export.json`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(link.href);
      setExported(true);
    } catch (error) {
      setFailure(error);
    }
  };

  const erase = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await call(api.DELETE("/api/v1/tenants/{tenant}/contacts/{id}", { params: { path } }));
      setConfirming(false);
      setErased(
        `Erased. ${result.messagesDeleted ?? 0} messages deleted, ${result.deliveriesPurged ?? 0} webhook payloads purged, ` +
          `${result.recordsRedacted ?? 0} records redacted; ${result.suppressionsKeptAsHash ?? 0} opt-outs kept as a hash.`,
      );
    } catch (error) {
      setFailure(error);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  if (erased) {
    return (
      <>
        <PageHeader title="Contact erased" />
        <Status tone="success">{erased}</Status>
        <Link to="/contacts">Back to contacts</Link>
      </>
    );
  }
  if (contact.loading) return <Loading />;
  if (contact.error || !contact.data) return <ErrorBanner error={contact.error} />;
  const c = contact.data;
  const name = personName(c);
  return (
    <>
      <PageHeader
        title={name}
        actions={
          <>
            <button type="button" className="secondary" onClick={download}>
              Export data (GDPR)
            </button>
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              Erase contact
            </button>
          </>
        }
      >
        <Badge value={c.status} />
      </PageHeader>
      <ErrorBanner error={failure} />
      {exported && <Status tone="success">The export was downloaded as contact-{id}-export.json.</Status>}
      <div className="grid-2">
        <section className="card" aria-labelledby="details">
          <h2 id="details" style={{ marginTop: 0 }}>
            Details
          </h2>
          <dl className="facts">
            <dt>Email</dt>
            <dd>{c.email ?? "—"}</dd>
            <dt>Phone</dt>
            <dd>{c.phone ?? "—"}</dd>
            <dt>Known since</dt>
            <dd>{formatTime(c.createdAt)}</dd>
            <dt>Last change</dt>
            <dd>{formatTime(c.updatedAt)}</dd>
            {Object.entries(c.attributes ?? {}).map(([key, value]) => (
              <div key={key} style={{ display: "contents" }}>
                <dt>{key}</dt>
                <dd>{typeof value === "string" ? value : JSON.stringify(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section className="card" aria-labelledby="consent">
          <h2 id="consent" style={{ marginTop: 0 }}>
            SMS consent
          </h2>
          {c.optedOutAt ? (
            <dl className="facts">
              <dt>Opted out</dt>
              <dd>{formatTime(c.optedOutAt)}</dd>
              <dt>By replying</dt>
              <dd>
                <code>{c.optOutKeyword ?? "?"}</code>
              </dd>
              {c.optedInAt && (
                <>
                  <dt>Opted in again</dt>
                  <dd>{formatTime(c.optedInAt)}</dd>
                </>
              )}
            </dl>
          ) : (
            <p className="muted">
              No opt-out recorded{c.optedInAt ? `; last opted in ${formatTime(c.optedInAt)}` : ""}. Replying STOP to any SMS
              opts out at once.
            </p>
          )}
        </section>
      </div>
      <h2>Messages to {name}</h2>
      {messages.data?.items?.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Channel</th>
                <th scope="col">Template</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {messages.data.items.map((m) => (
                <tr key={m.id}>
                  <td>{formatTime(m.sentAt ?? m.createdAt)}</td>
                  <td>{m.channel}</td>
                  <td className="mono">{m.templateKey}</td>
                  <td>
                    <Badge value={m.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No message was sent to this contact.</p>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Erase ${name}?`}
        confirmLabel="Erase for good"
        danger
        typeToConfirm="ERASE"
        busy={busy}
        onConfirm={erase}
        onCancel={() => setConfirming(false)}
      >
        <p>
          This removes the person everywhere in your records: the contact, their timeline and attendances, messages to them,
          and every stored webhook that mentions them. Payments stay, without the link. It cannot be undone.
        </p>
        <p>If they opted out of SMS, their number stays blocked (kept as a hash).</p>
      </ConfirmDialog>
    </>
  );
}
