import { api, call, tenant } from "../api/client";
import { Link, navigate, useLocation } from "../router";
import { Badge, Empty, LoadMore, PageHeader, SelectField } from "../ui/components";
import { formatTime } from "../ui/format";
import { useCursorList } from "../ui/hooks";

export function Messages() {
  const { search } = useLocation();
  const status = search.get("status") ?? "";
  const channel = search.get("channel") ?? "";
  const list = useCursorList(
    (cursor) =>
      call(
        api.GET("/api/v1/tenants/{tenant}/messages", {
          params: { path: { tenant: tenant() }, query: { cursor, limit: 50, status: status || undefined, channel: channel || undefined } },
        }),
      ),
    [status, channel],
  );
  const filter = (next: Record<string, string>) => {
    const query = new URLSearchParams(Object.entries({ status, channel, ...next }).filter(([, v]) => v));
    navigate(`/messages${query.size ? `?${query}` : ""}`, { replace: true });
  };
  return (
    <>
      <PageHeader title="Messages">
        Every SMS and email sent on your behalf, with its status. Suppressed ones were not sent because the person opted out.
      </PageHeader>
      <div className="filters">
        <SelectField
          label="Status"
          value={status}
          onChange={(e) => filter({ status: e.target.value })}
          options={[
            { value: "", label: "Any status" },
            { value: "SENT", label: "Sent" },
            { value: "QUEUED", label: "Queued" },
            { value: "FAILED", label: "Failed" },
            { value: "SUPPRESSED", label: "Suppressed (opted out)" },
          ]}
        />
        <SelectField
          label="Channel"
          value={channel}
          onChange={(e) => filter({ channel: e.target.value })}
          options={[
            { value: "", label: "SMS and email" },
            { value: "SMS", label: "SMS" },
            { value: "EMAIL", label: "Email" },
          ]}
        />
      </div>
      {!list.loading && !list.error && list.items.length === 0 ? (
        <Empty title={status || channel ? "No message matches" : "No messages yet"}>
          Messages go out when a payment, booking or lead comes in and a <Link to="/templates">template</Link> exists for it,
          through your connected SMS (Twilio) or email (Resend) provider.
        </Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>Newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Channel</th>
                <th scope="col">To</th>
                <th scope="col">Template</th>
                <th scope="col">Status</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((m) => (
                <tr key={m.id}>
                  <td>{formatTime(m.sentAt ?? m.createdAt)}</td>
                  <td>{m.channel}</td>
                  <td>{m.contactId ? <Link to={`/contacts/${m.contactId}`}>{m.recipient}</Link> : m.recipient}</td>
                  <td className="mono">{m.templateKey}</td>
                  <td>
                    <Badge value={m.status} />
                  </td>
                  <td className="small">{m.lastError ?? (m.providerMessageId ? <span className="mono">{m.providerMessageId}</span> : "—")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} noun="messages" />
    </>
  );
}
