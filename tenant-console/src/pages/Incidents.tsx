import { useState } from "react";
import { api, call, tenant } from "../api/client";
import { Link, navigate, useLocation } from "../router";
import { Badge, Empty, ErrorBanner, LoadMore, PageHeader, SelectField } from "../ui/components";
import { formatTime } from "../ui/format";
import { useCursorList } from "../ui/hooks";

export function Incidents() {
  const { search } = useLocation();
  const status = search.get("status") ?? "OPEN";
  const list = useCursorList(
    (cursor) =>
      call(
        api.GET("/api/v1/tenants/{tenant}/incidents", {
          params: { path: { tenant: tenant() }, query: { cursor, limit: 50, status: status === "ALL" ? undefined : status } },
        }),
      ),
    [status],
  );
  const [failure, setFailure] = useState<unknown>();
  const [resolving, setResolving] = useState<string>();

  const resolve = async (id: string) => {
    setResolving(id);
    setFailure(undefined);
    try {
      const resolved = await call(
        api.POST("/api/v1/tenants/{tenant}/incidents/{id}/resolve", { params: { path: { tenant: tenant(), id: Number(id) } } }),
      );
      list.replace(resolved, (a, b) => a.id === b.id);
    } catch (error) {
      setFailure(error);
    } finally {
      setResolving(undefined);
    }
  };

  return (
    <>
      <PageHeader title="Incidents">
        What needs your attention: failed deliveries, opt-outs, payment failures. Resolve one once it is handled.
      </PageHeader>
      <div className="filters">
        <SelectField
          label="Show"
          value={status}
          onChange={(e) => navigate(`/incidents?status=${e.target.value}`, { replace: true })}
          options={[
            { value: "OPEN", label: "Open" },
            { value: "RESOLVED", label: "Resolved" },
            { value: "ALL", label: "All" },
          ]}
        />
      </div>
      <ErrorBanner error={failure} />
      {!list.loading && !list.error && list.items.length === 0 ? (
        <Empty title={status === "OPEN" ? "Nothing needs your attention" : "No incidents"}>
          Incidents are logged when a webhook fails every retry, someone replies STOP, or a payment fails.
        </Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>Newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Severity</th>
                <th scope="col">What happened</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((i) => (
                <tr key={i.id}>
                  <td>{formatTime(i.createdAt)}</td>
                  <td>
                    <Badge value={i.severity} />
                  </td>
                  <td>
                    {i.summary}
                    <div className="muted small">
                      {i.kind}
                      {i.deliveryId && (
                        <>
                          {" · "}
                          <Link to={`/deliveries/${i.deliveryId}`}>delivery #{i.deliveryId}</Link>
                        </>
                      )}
                    </div>
                  </td>
                  <td>
                    <Badge value={i.status} />
                    {i.resolvedAt && <div className="muted small">{formatTime(i.resolvedAt)}</div>}
                  </td>
                  <td>
                    {i.status === "OPEN" && (
                      <button
                        type="button"
                        className="secondary small"
                        disabled={resolving === i.id}
                        onClick={() => resolve(i.id ?? "")}
                        aria-label={`Resolve: ${i.summary}`}
                      >
                        Resolve
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} noun="incidents" />
    </>
  );
}
