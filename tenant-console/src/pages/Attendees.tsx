import { api, call, tenant } from "../api/client";
import { Link } from "../router";
import { Badge, Empty, ErrorBanner, LoadMore, PageHeader } from "../ui/components";
import { formatMoney, formatTime, personName } from "../ui/format";
import { useAsync, useCursorList } from "../ui/hooks";

export function Attendees({ eventId }: { eventId: string }) {
  const path = { tenant: tenant(), id: Number(eventId) };
  const event = useAsync(() => call(api.GET("/api/v1/tenants/{tenant}/events/{id}", { params: { path } })), [eventId]);
  const list = useCursorList(
    (cursor) => call(api.GET("/api/v1/tenants/{tenant}/events/{id}/attendees", { params: { path, query: { cursor, limit: 50 } } })),
    [eventId],
  );
  const name = event.data?.name ?? "Event";
  return (
    <>
      <PageHeader
        title={`Attendees of ${name}`}
        actions={
          <>
            <button type="button" className="secondary" onClick={list.reload}>
              Refresh
            </button>
            <Link to={`/events/${eventId}`}>Edit the event</Link>
          </>
        }
      >
        Everyone who paid for or booked this event, with their payment and booking status.
      </PageHeader>
      <ErrorBanner error={event.error} />
      {!list.loading && !list.error && list.items.length === 0 ? (
        <Empty title="No attendees yet">
          People appear here when a payment through {event.data?.stripePaymentLinkId ? <code>{event.data.stripePaymentLinkId}</code> : "the event's payment link"}{" "}
          or a booking of its appointment type arrives. Check <Link to="/deliveries">Deliveries</Link> if you expected some.
        </Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>In the order they joined</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Payment</th>
                <th scope="col">Paid</th>
                <th scope="col">Booking</th>
                <th scope="col">Appointment</th>
                <th scope="col">Intake answers</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((a) => (
                <tr key={a.id} data-testid="attendee-row">
                  <td>
                    <Link to={`/contacts/${a.contact?.id}`}>{personName(a.contact)}</Link>
                    <div className="muted small">{a.contact?.email ?? a.contact?.phone}</div>
                  </td>
                  <td>
                    <Badge value={a.paymentStatus} />
                  </td>
                  <td>
                    {formatMoney(a.amountPaid, a.currency)}
                    {a.amountRefunded ? <div className="muted small">refunded {formatMoney(a.amountRefunded, a.currency)}</div> : null}
                  </td>
                  <td>
                    <Badge value={a.bookingStatus} />
                  </td>
                  <td>{formatTime(a.bookingStartsAt)}</td>
                  <td>
                    <IntakeAnswers data={a.intakeData} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} noun="attendees" />
    </>
  );
}

function IntakeAnswers({ data }: { data?: Record<string, unknown> }) {
  const entries = Object.entries(data ?? {});
  if (!entries.length) return <span className="muted">—</span>;
  return (
    <details>
      <summary>{entries.length} answers</summary>
      <dl className="facts small">
        {entries.map(([question, answer]) => (
          <div key={question} style={{ display: "contents" }}>
            <dt>{question}</dt>
            <dd>{typeof answer === "string" ? answer : JSON.stringify(answer)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
