import { useState, type FormEvent } from "react";
import { ApiError, api, call, isTenantAdmin, tenant } from "../api/client";
import type { NewUser, UserInfo } from "../api/types";
import { Badge, ConfirmDialog, ErrorBanner, LoadMore, PageHeader, SelectField, Status, TextField } from "../ui/components";
import { formatTime } from "../ui/format";
import { useCursorList } from "../ui/hooks";

type Role = NonNullable<NewUser["role"]>;

const ROLES: { value: Role; label: string }[] = [
  { value: "MEMBER", label: "Member: uses the console" },
  { value: "ADMIN", label: "Admin: also manages the team and API clients" },
];

const EMPTY_FORM = { email: "", name: "", password: "", role: "MEMBER" as Role };

export function Team() {
  // Only shapes the page: the API refuses a member's changes whatever the page shows.
  const admin = isTenantAdmin();
  const list = useCursorList(
    (cursor) => call(api.GET("/api/v1/tenants/{tenant}/users", { params: { path: { tenant: tenant() }, query: { cursor } } })),
    [],
  );
  const [form, setForm] = useState(EMPTY_FORM);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>();
  const [created, setCreated] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [disabling, setDisabling] = useState<UserInfo>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(undefined);
    setCreated(undefined);
    try {
      const user = await call(api.POST("/api/v1/tenants/{tenant}/users", { params: { path: { tenant: tenant() } }, body: form }));
      setCreated(`${user.email} can now sign in with the business ${tenant()} and the password you chose.`);
      setForm(EMPTY_FORM);
      setErrors({});
      list.reload();
    } catch (error) {
      setErrors(error instanceof ApiError ? error.fieldErrors : {});
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const disable = async () => {
    if (!disabling) return;
    try {
      await call(api.DELETE("/api/v1/tenants/{tenant}/users/{id}", { params: { path: { tenant: tenant(), id: Number(disabling.id) } } }));
      list.reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setDisabling(undefined);
    }
  };

  return (
    <>
      <PageHeader title="Team">The people who can sign in to this console for your business.</PageHeader>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Since</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>
                  <Badge value={u.role} />
                </td>
                <td>{formatTime(u.createdAt)}</td>
                <td>
                  <Badge value={u.disabledAt ? "DISABLED" : "ACTIVE"} />
                </td>
                <td>
                  {admin && !u.disabledAt && (
                    <button type="button" className="secondary small" onClick={() => setDisabling(u)}>
                      Disable
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore list={list} noun="people" />
      {admin ? (
        <>
          <h2>Add someone</h2>
          <form className="card stack" onSubmit={submit} noValidate aria-label="Add someone">
            <div className="grid-2">
              <TextField
                label="Email"
                type="email"
                autoComplete="off"
                value={form.email}
                onChange={(e) => setForm({ ...form, email: e.target.value })}
                error={errors.email}
              />
              <TextField label="Name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={errors.name} />
            </div>
            <div className="grid-2">
              <TextField
                label="Password"
                type="password"
                autoComplete="new-password"
                value={form.password}
                onChange={(e) => setForm({ ...form, password: e.target.value })}
                error={errors.password}
                hint="At least 12 characters. Give it to them privately; they cannot change it here yet."
              />
              <SelectField
                label="Role"
                options={ROLES}
                value={form.role}
                onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
                error={errors.role}
              />
            </div>
            {failure !== undefined && <ErrorBanner error={failure} />}
            {created && <Status tone="success">{created}</Status>}
            <div className="form-actions">
              <button type="submit" disabled={busy}>
                {busy ? "Adding…" : "Add to the team"}
              </button>
            </div>
          </form>
        </>
      ) : (
        <p className="muted">Only your business's admins can add people to the team or disable them.</p>
      )}
      <ConfirmDialog
        open={!!disabling}
        title={`Disable ${disabling?.name ?? ""}?`}
        confirmLabel="Disable"
        danger
        onConfirm={disable}
        onCancel={() => setDisabling(undefined)}
      >
        <p>{disabling?.email} will no longer be able to sign in. Their current session ends within 30 minutes.</p>
      </ConfirmDialog>
    </>
  );
}
