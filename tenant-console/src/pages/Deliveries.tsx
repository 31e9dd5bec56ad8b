import { useState } from "react";
import { api, call, describe, tenant } from "../api/client";
import type { DeliveryView } from "../api/types";
import { Link, navigate, useLocation } from "../router";
import { Badge, Empty, ErrorBanner, LoadMore, PageHeader, SelectField, Status } from "../ui/components";
import { formatTime } from "../ui/format";
import { useAsync, useCursorList } from "../ui/hooks";

const STATUSES = [
  { value: "", label: "Any status" },
  { value: "DEAD", label: "Dead letters" },
  { value: "RETRYING", label: "Retrying" },
  { value: "RECEIVED", label: "Received, waiting" },
  { value: "PROCESSED", label: "Processed" },
  { value: "IGNORED", label: "Ignored" },
];

interface Progress {
  total: number;
  done: number;
  failed: string[];
}

export function Deliveries() {
  const { search } = useLocation();
  const status = search.get("status") ?? "";
  const provider = search.get("provider") ?? "";
  const connectors = useAsync(() => call(api.GET("/api/v1/connectors")), []);
  const list = useCursorList(
    (cursor) =>
      call(
        api.GET("/api/v1/tenants/{tenant}/deliveries", {
          params: {
            path: { tenant: tenant() },
            query: { cursor, limit: 50, status: status || undefined, provider: provider || undefined },
          },
        }),
      ),
    [status, provider],
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [progress, setProgress] = useState<Progress>();

  const filter = (next: { status?: string; provider?: string }) => {
    const query = new URLSearchParams();
    const s = next.status ?? status;
    const p = next.provider ?? provider;
    if (s) query.set("status", s);
    if (p) query.set("provider", p);
    setSelected(new Set());
    navigate(`/deliveries${query.size ? `?${query}` : ""}`, { replace: true });
  };

  const toggle = (id: string, on: boolean) =>
    setSelected((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  /** Replays one by one, so the progress is real and one failure does not stop the rest. */
  const replay = async (deliveries: DeliveryView[]) => {
    const state: Progress = { total: deliveries.length, done: 0, failed: [] };
    setProgress({ ...state });
    for (const delivery of deliveries) {
      try {
        const updated = await call(
          api.POST("/api/v1/tenants/{tenant}/deliveries/{id}/replay", {
            params: { path: { tenant: tenant(), id: Number(delivery.id) } },
          }),
        );
        list.replace(updated, (a, b) => a.id === b.id);
      } catch (error) {
        state.failed.push(`#${delivery.id}: ${describe(error)}`);
      }
      state.done++;
      setProgress({ ...state, failed: [...state.failed] });
    }
    setSelected(new Set());
  };

  const running = progress && progress.done < progress.total;
  const chosen = list.items.filter((d) => selected.has(d.id ?? ""));
  const allChosen = list.items.length > 0 && chosen.length === list.items.length;

  return (
    <>
      <PageHeader title="Deliveries">
        Every webhook your providers sent, as received and verified. Replay one after fixing its cause; dead letters are the
        ones that failed every retry.
      </PageHeader>
      <div className="filters">
        <SelectField label="Status" options={STATUSES} value={status} onChange={(e) => filter({ status: e.target.value })} />
        <SelectField
          label="Provider"
          options={[
            { value: "", label: "Any provider" },
            ...(connectors.data?.items ?? [])
              .filter((c) => c.receivesWebhooks)
              .map((c) => ({ value: c.providerId ?? "", label: c.displayName ?? c.providerId ?? "" })),
          ]}
          value={provider}
          onChange={(e) => filter({ provider: e.target.value })}
        />
        <button type="button" className="secondary" onClick={list.reload}>
          Refresh
        </button>
        <button type="button" disabled={!chosen.length || !!running} onClick={() => replay(chosen)}>
          Replay selected ({chosen.length})
        </button>
      </div>
      {progress && (
        <div className="card" aria-live="polite">
          <label htmlFor="replay-progress">
            {running ? "Replaying" : "Replayed"} {progress.done} of {progress.total}
            {progress.failed.length ? `, ${progress.failed.length} failed` : ""}
          </label>
          <progress id="replay-progress" max={progress.total} value={progress.done} />
          {!running && !progress.failed.length && (
            <Status tone="success">Queued again; they are processed within seconds. Refresh to see their new status.</Status>
          )}
          {progress.failed.length > 0 && <ErrorBanner error={new Error(progress.failed.join("; "))} />}
        </div>
      )}
      {!list.loading && !list.error && list.items.length === 0 ? (
        status === "DEAD" ? (
          <Empty title="No dead letters">Every webhook was processed or is still being retried.</Empty>
        ) : (
          <Empty title={status || provider ? "No delivery matches" : "No webhooks received yet"}>
            Paste the webhook URL from <Link to="/connections">Connections</Link> into your provider; what it sends shows up
            here.
          </Empty>
        )
      ) : (
        <div className="table-wrap">
          <table>
            <caption>Newest first</caption>
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select all shown deliveries"
                    checked={allChosen}
                    onChange={(e) => setSelected(new Set(e.target.checked ? list.items.map((d) => d.id ?? "") : []))}
                  />
                </th>
                <th scope="col">Event</th>
                <th scope="col">Provider</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Received</th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((d) => (
                <tr key={d.id} data-testid="delivery-row">
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select delivery ${d.id} (${d.eventType})`}
                      checked={selected.has(d.id ?? "")}
                      onChange={(e) => toggle(d.id ?? "", e.target.checked)}
                    />
                  </td>
                  <td>
                    <Link to={`/deliveries/${d.id}`}>{d.eventType}</Link>
                    <div className="muted small mono">{d.dedupeKey}</div>
                  </td>
                  <td>{d.provider}</td>
                  <td>
                    <Badge value={d.status} />
                  </td>
                  <td>{d.attempts}</td>
                  <td>{formatTime(d.receivedAt)}</td>
                  <td className="small">{d.lastError ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} noun="deliveries" />
    </>
  );
}
