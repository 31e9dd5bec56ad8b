import { api, call, tenant } from "../api/client";
import { Link } from "../router";
import { Empty, LoadMore, PageHeader } from "../ui/components";
import { formatTime } from "../ui/format";
import { useCursorList } from "../ui/hooks";

export function Events() {
  const list = useCursorList(
    (cursor) =>
      call(api.GET("/api/v1/tenants/{tenant}/events", { params: { path: { tenant: tenant() }, query: { cursor, limit: 50 } } })),
    [],
  );
  return (
    <>
      <PageHeader
        title="Events"
        actions={
          <Link className="button-link" to="/events/new">
            New event
          </Link>
        }
      >
        What you sell or book. Link an event to its Stripe payment link or Acuity appointment type, and payments and
        bookings land on it as attendees.
      </PageHeader>
      {!list.loading && !list.error && list.items.length === 0 ? (
        <Empty title="No events yet">
          Create one with <Link to="/events/new">New event</Link> and give it the Stripe payment link (plink_…) or the Acuity
          appointment type that sells it.
        </Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>Your events, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts</th>
                <th scope="col">Stripe payment link</th>
                <th scope="col">Acuity type</th>
                <th scope="col">Templates</th>
                <th scope="col">
                  <span className="visually-hidden">Attendees</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((event) => (
                <tr key={event.id}>
                  <td>
                    <Link to={`/events/${event.id}`}>{event.name}</Link>
                  </td>
                  <td>{formatTime(event.startsAt)}</td>
                  <td className="mono">{event.stripePaymentLinkId ?? "—"}</td>
                  <td className="mono">{event.acuityAppointmentTypeId ?? "—"}</td>
                  <td>{Object.keys(event.notificationTemplates ?? {}).length || "defaults"}</td>
                  <td>
                    <Link to={`/events/${event.id}/attendees`} aria-label={`Attendees of ${event.name}`}>
                      Attendees
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} noun="events" />
    </>
  );
}
