import { api, call, tenant } from "../api/client";
import type { DeliveryView } from "../api/types";
import { Link } from "../router";
import { Empty, ErrorBanner, Loading, PageHeader } from "../ui/components";
import { useAsync } from "../ui/hooks";

const SAMPLE = 200;
const DAYS = 7;
const COLORS = ["#2450b8", "#1e8a5a", "#c0661a", "#8a3fb8", "#b8243f", "#2b8a9e"];

interface Figures {
  deliveries: DeliveryView[];
  moreDeliveries: boolean;
  dead: number;
  moreDead: boolean;
  sent: number;
  failedMessages: number;
  openIncidents: number;
  connections: number;
}

async function load(): Promise<Figures> {
  const path = { tenant: tenant() };
  const [deliveries, dead, messages, incidents, connections] = await Promise.all([
    call(api.GET("/api/v1/tenants/{tenant}/deliveries", { params: { path, query: { limit: SAMPLE } } })),
    call(api.GET("/api/v1/tenants/{tenant}/deliveries", { params: { path, query: { status: "DEAD", limit: SAMPLE } } })),
    call(api.GET("/api/v1/tenants/{tenant}/messages", { params: { path, query: { limit: SAMPLE } } })),
    call(api.GET("/api/v1/tenants/{tenant}/incidents", { params: { path, query: { status: "OPEN", limit: SAMPLE } } })),
    call(api.GET("/api/v1/tenants/{tenant}/connections", { params: { path } })),
  ]);
  const messageItems = messages.items ?? [];
  return {
    deliveries: deliveries.items ?? [],
    moreDeliveries: !!deliveries.nextCursor,
    dead: dead.items?.length ?? 0,
    moreDead: !!dead.nextCursor,
    sent: messageItems.filter((m) => m.status === "SENT").length,
    failedMessages: messageItems.filter((m) => m.status === "FAILED").length,
    openIncidents: incidents.items?.length ?? 0,
    connections: connections.items?.filter((c) => c.enabled).length ?? 0,
  };
}

export function Overview() {
  const figures = useAsync(load, []);
  return (
    <>
      <PageHeader title="Overview">How your integrations are doing: webhooks received, failures, and messages sent.</PageHeader>
      <ErrorBanner error={figures.error} />
      {figures.loading && !figures.data && <Loading />}
      {figures.data && <Figures data={figures.data} />}
    </>
  );
}

function Figures({ data }: { data: Figures }) {
  const failures = data.deliveries.filter((d) => d.status === "RETRYING" || d.status === "DEAD").length;
  const plus = (more: boolean) => (more ? "+" : "");
  return (
    <>
      <section className="stats" aria-label="Key figures">
        <Stat value={`${data.deliveries.length}${plus(data.moreDeliveries)}`} label="webhooks received" to="/deliveries" />
        <Stat value={String(failures)} label="failing, of those" to="/deliveries?status=RETRYING" />
        <Stat value={`${data.dead}${plus(data.moreDead)}`} label="dead letters" to="/deliveries?status=DEAD" />
        <Stat value={String(data.sent)} label="messages sent" to="/messages" />
        <Stat value={String(data.openIncidents)} label="open incidents" to="/incidents" />
      </section>
      {data.connections === 0 && (
        <Empty title="No provider is connected yet">
          Start on <Link to="/connections">Connections</Link>: enter your Stripe, Acuity, Facebook or Twilio secrets, then
          paste the webhook URL shown there into the provider.
        </Empty>
      )}
      <section className="card" aria-labelledby="per-day">
        <h2 id="per-day">Webhooks per provider, last {DAYS} days</h2>
        {data.deliveries.length === 0 ? (
          <p className="muted">
            Nothing received yet. Once a provider sends its first webhook it shows here; the{" "}
            <Link to="/connections">Connections</Link> page has the URL to give it.
          </p>
        ) : (
          <PerDay deliveries={data.deliveries} sampled={data.moreDeliveries} />
        )}
      </section>
      {data.failedMessages > 0 && (
        <p className="banner error">
          {data.failedMessages} of the latest messages failed to send. <Link to="/messages?status=FAILED">See them</Link>.
        </p>
      )}
    </>
  );
}

function Stat({ value, label, to }: { value: string; label: string; to: string }) {
  return (
    <Link className="stat" to={to}>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </Link>
  );
}

function PerDay({ deliveries, sampled }: { deliveries: DeliveryView[]; sampled: boolean }) {
  const providers = [...new Set(deliveries.map((d) => d.provider ?? "?"))].sort();
  const days: { label: string; key: string }[] = [];
  for (let i = DAYS - 1; i >= 0; i--) {
    const day = new Date();
    day.setHours(0, 0, 0, 0);
    day.setDate(day.getDate() - i);
    days.push({
      key: day.toDateString(),
      label: day.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" }),
    });
  }
  const counts = new Map<string, Map<string, number>>();
  for (const delivery of deliveries) {
    const key = new Date(delivery.receivedAt ?? "").toDateString();
    const perProvider = counts.get(key) ?? new Map<string, number>();
    perProvider.set(delivery.provider ?? "?", (perProvider.get(delivery.provider ?? "?") ?? 0) + 1);
    counts.set(key, perProvider);
  }
  const totals = days.map((d) => [...(counts.get(d.key)?.values() ?? [])].reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  return (
    <>
      <div className="bars">
        {days.map((day, i) => {
          const perProvider = counts.get(day.key);
          const text = providers.map((p) => `${p} ${perProvider?.get(p) ?? 0}`).join(", ");
          return (
            <div className="bar-row" key={day.key} role="img" aria-label={`${day.label}: ${text}`}>
              <span>{day.label}</span>
              <span className="bar-track">
                {providers.map((p, j) => {
                  const n = perProvider?.get(p) ?? 0;
                  return n ? (
                    <span
                      key={p}
                      className="bar"
                      style={{ width: `${(n / max) * 100}%`, background: COLORS[j % COLORS.length] }}
                      title={`${p}: ${n}`}
                    />
                  ) : null;
                })}
              </span>
              <span>{totals[i]}</span>
            </div>
          );
        })}
      </div>
      <div className="legend" aria-hidden="true">
        {providers.map((p, j) => (
          <span key={p}>
            <span className="swatch" style={{ background: COLORS[j % COLORS.length] }} />
            {p}
          </span>
        ))}
      </div>
      {sampled && <p className="muted small">Counted over the latest {SAMPLE} webhooks.</p>}
    </>
  );
}
