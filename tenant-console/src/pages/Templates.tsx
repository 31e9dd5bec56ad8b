import { api, call, tenant } from "../api/client";
import { Link } from "../router";
import { Empty, ErrorBanner, Loading, PageHeader } from "../ui/components";
import { formatTime } from "../ui/format";
import { useAsync } from "../ui/hooks";
import { TEMPLATE_KEYS } from "../ui/TemplateFields";

export function Templates() {
  const templates = useAsync(
    () => call(api.GET("/api/v1/tenants/{tenant}/templates", { params: { path: { tenant: tenant() } } })),
    [],
  );
  const items = templates.data?.items ?? [];
  const missing = TEMPLATE_KEYS.filter((k) => !items.some((t) => t.key === k.key));
  return (
    <>
      <PageHeader
        title="Templates"
        actions={
          <Link className="button-link" to="/templates/edit">
            New template
          </Link>
        }
      >
        Your default messages, one per occasion. An event can override any of them with its own.
      </PageHeader>
      <ErrorBanner error={templates.error} />
      {templates.loading && <Loading />}
      {!templates.loading && items.length === 0 && (
        <Empty title="No templates yet">Without one, nothing is sent for that occasion. Start with one of those below.</Empty>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Language</th>
                <th scope="col">Sends</th>
                <th scope="col">Changed</th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => (
                <tr key={t.key}>
                  <td>
                    <Link to={`/templates/edit?key=${encodeURIComponent(t.key ?? "")}`}>{t.key}</Link>
                  </td>
                  <td>{t.locale}</td>
                  <td>{[t.sms ? "SMS" : "", t.email ? "email" : ""].filter(Boolean).join(" and ")}</td>
                  <td>{formatTime(t.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!templates.loading && missing.length > 0 && (
        <>
          <h2>Not set yet</h2>
          <ul>
            {missing.map((k) => (
              <li key={k.key}>
                <Link to={`/templates/edit?key=${encodeURIComponent(k.key)}`}>{k.label}</Link> <span className="muted mono small">{k.key}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
