import { useEffect, useState } from "react";
import { api, call, tenant } from "../api/client";
import { Link } from "../router";
import { Badge, ErrorBanner, Loading, PageHeader, Status } from "../ui/components";
import { formatTime } from "../ui/format";
import { useAsync } from "../ui/hooks";
import { maskedPayload } from "../ui/mask";

export function DeliveryDetail({ id }: { id: string }) {
  const path = { tenant: tenant(), id: Number(id) };
  const detail = useAsync(() => call(api.GET("/api/v1/tenants/{tenant}/deliveries/{id}", { params: { path } })), [id]);
  const [replaying, setReplaying] = useState(false);
  const [replayed, setReplayed] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const status = detail.data?.delivery?.status;

  // After a replay, look again until the worker has settled it.
  useEffect(() => {
    if (!replayed || (status !== "RECEIVED" && status !== "RETRYING")) return;
    const timer = window.setTimeout(detail.reload, 1000);
    return () => window.clearTimeout(timer);
  }, [replayed, status, detail.reload, detail.data]);

  const replay = async () => {
    setReplaying(true);
    setFailure(undefined);
    try {
      await call(api.POST("/api/v1/tenants/{tenant}/deliveries/{id}/replay", { params: { path } }));
      setReplayed(true);
      detail.reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setReplaying(false);
    }
  };

  if (detail.loading && !detail.data) return <Loading />;
  if (!detail.data) return <ErrorBanner error={detail.error} />;
  const d = detail.data.delivery ?? {};
  return (
    <>
      <PageHeader
        title={`${d.provider} ${d.eventType}`}
        actions={
          <button type="button" onClick={replay} disabled={replaying || !detail.data.payload}>
            {replaying ? "Replaying…" : "Replay"}
          </button>
        }
      >
        Delivery #{d.id}. <Link to="/deliveries">All deliveries</Link>
      </PageHeader>
      <ErrorBanner error={failure} />
      {replayed && (
        <Status tone={status === "PROCESSED" ? "success" : "info"}>
          Replayed: now <span data-testid="delivery-status">{status?.toLowerCase()}</span>
          {status === "RECEIVED" || status === "RETRYING" ? ", processing…" : "."}
        </Status>
      )}
      <section className="card">
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            <Badge value={d.status} />
          </dd>
          <dt>Provider's event id</dt>
          <dd className="mono">{d.dedupeKey}</dd>
          <dt>Happened</dt>
          <dd>{formatTime(d.occurredAt)}</dd>
          <dt>Received</dt>
          <dd>{formatTime(d.receivedAt)}</dd>
          <dt>Processed</dt>
          <dd>{formatTime(d.processedAt)}</dd>
          <dt>Attempts</dt>
          <dd>{d.attempts}</dd>
          {d.lastError && (
            <>
              <dt>Last error</dt>
              <dd>{d.lastError}</dd>
            </>
          )}
        </dl>
      </section>
      <h2>Payload</h2>
      {detail.data.payload ? (
        <pre aria-label="Payload, credentials masked" tabIndex={0}>
          {maskedPayload(detail.data.payload)}
        </pre>
      ) : (
        <p className="muted">The raw payload was purged by the retention policy (or an erasure); it can no longer be replayed.</p>
      )}
      <h2>Headers</h2>
      <pre aria-label="Headers, credentials masked" tabIndex={0}>
        {maskedPayload(detail.data.headers)}
      </pre>
    </>
  );
}
