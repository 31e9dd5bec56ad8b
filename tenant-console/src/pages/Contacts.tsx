import { useState, type FormEvent } from "react";
import { api, call, tenant } from "../api/client";
import { Link, navigate, useLocation } from "../router";
import { Badge, Empty, LoadMore, PageHeader, SelectField, TextField } from "../ui/components";
import { formatTime, personName } from "../ui/format";
import { useCursorList } from "../ui/hooks";

const STATUSES = ["", "LEAD", "CUSTOMER", "CHURNED", "OPTED_OUT"];

export function Contacts() {
  const { search } = useLocation();
  const email = search.get("email") ?? "";
  const phone = search.get("phone") ?? "";
  const status = search.get("status") ?? "";
  const [form, setForm] = useState({ email, phone, status });
  const list = useCursorList(
    (cursor) =>
      call(
        api.GET("/api/v1/tenants/{tenant}/contacts", {
          params: {
            path: { tenant: tenant() },
            query: { cursor, limit: 50, email: email || undefined, phone: phone || undefined, status: status || undefined },
          },
        }),
      ),
    [email, phone, status],
  );
  const filtered = !!(email || phone || status);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const query = new URLSearchParams(Object.entries(form).filter(([, v]) => v.trim()) as [string, string][]);
    navigate(`/contacts${query.size ? `?${query}` : ""}`);
  };

  return (
    <>
      <PageHeader title="Contacts">
        Everyone your providers told you about: customers, attendees, leads, and who opted out of SMS.
      </PageHeader>
      <form className="filters" role="search" aria-label="Find contacts" onSubmit={submit}>
        <TextField label="Email" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        <TextField label="Phone" type="tel" value={form.phone} onChange={(e) => setForm({ ...form, phone: e.target.value })} />
        <SelectField
          label="Status"
          options={STATUSES.map((s) => ({ value: s, label: s ? s.replace("_", " ").toLowerCase() : "any" }))}
          value={form.status}
          onChange={(e) => setForm({ ...form, status: e.target.value })}
        />
        <button type="submit">Search</button>
        {filtered && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setForm({ email: "", phone: "", status: "" });
              navigate("/contacts");
            }}
          >
            Clear
          </button>
        )}
      </form>
      {!list.loading && !list.error && list.items.length === 0 ? (
        filtered ? (
          <Empty title="No contact matches">Email matches the whole address in any case; phone matches its digits.</Empty>
        ) : (
          <Empty title="No contacts yet">
            Contacts are created from your providers' webhooks: a Stripe payment, an Acuity booking, a Facebook lead or an
            SMS. <Link to="/connections">Connect a provider</Link> to start.
          </Empty>
        )
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{filtered ? "Contacts matching the search" : "All contacts, oldest first"}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Phone</th>
                <th scope="col">Status</th>
                <th scope="col">Opted out</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/contacts/${c.id}`}>{personName(c)}</Link>
                  </td>
                  <td>{c.email ?? "—"}</td>
                  <td>{c.phone ?? "—"}</td>
                  <td>
                    <Badge value={c.status} />
                  </td>
                  <td>{c.optedOutAt ? `${formatTime(c.optedOutAt)} (${c.optOutKeyword ?? "?"})` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} noun="contacts" />
    </>
  );
}
