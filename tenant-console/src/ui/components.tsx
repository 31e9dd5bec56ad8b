import {
  useEffect,
  useId,
  useRef,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { describe } from "../api/client";
import type { CursorList } from "./hooks";

export function PageHeader({ title, children, actions }: { title: string; children?: ReactNode; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Switchboard`;
  }, [title]);
  return (
    <header className="page-header">
      <div>
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        {children && <p className="lead">{children}</p>}
      </div>
      {actions && <div className="actions">{actions}</div>}
    </header>
  );
}

export function ErrorBanner({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p className="banner error" role="alert">
      {describe(error)}
    </p>
  );
}

/** A short message that screen readers announce when it changes. */
export function Status({ children, tone = "info" }: { children: ReactNode; tone?: "info" | "success" }) {
  return (
    <p className={`banner ${tone}`} role="status">
      {children}
    </p>
  );
}

/** What an empty list means and what to do about it. */
export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}

export function LoadMore<T>({ list, noun }: { list: CursorList<T>; noun: string }) {
  return (
    <div className="load-more">
      <ErrorBanner error={list.error} />
      {list.loading && <Loading />}
      {!list.loading && list.hasMore && (
        <button type="button" className="secondary" onClick={list.loadMore}>
          Load more {noun}
        </button>
      )}
      {!list.loading && !list.hasMore && list.items.length > 0 && (
        <p className="muted small">End of the list: all {noun} are shown.</p>
      )}
    </div>
  );
}

const TONES: Record<string, string> = {
  PAID: "good", PROCESSED: "good", SENT: "good", CUSTOMER: "good", BOOKED: "good", RESOLVED: "good", ACTIVE: "good",
  active: "good", trialing: "good", CONNECTED: "good",
  PENDING: "wait", RECEIVED: "wait", QUEUED: "wait", RETRYING: "warn", RESCHEDULED: "wait", LEAD: "wait", OPEN: "warn",
  WARNING: "warn", PARTIALLY_REFUNDED: "warn", past_due: "warn", IGNORED: "muted", NONE: "muted", INFO: "muted",
  DEAD: "bad", FAILED: "bad", ERROR: "bad", REFUNDED: "muted", CANCELLED: "bad", OPTED_OUT: "bad", CHURNED: "muted",
  SUPPRESSED: "muted", canceled: "muted", unpaid: "bad", DISABLED: "muted",
  ADMIN: "good", MEMBER: "muted",
};

export function Badge({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="muted">—</span>;
  return <span className={`badge ${TONES[value] ?? "muted"}`}>{value.replace(/_/g, " ").toLowerCase()}</span>;
}

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string;
}

function FieldFrame({ id, label, hint, error, children }: FieldProps & { id: string; children: ReactNode }) {
  return (
    <div className={`field${error ? " invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function described(id: string, hint: unknown, error: unknown) {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { "aria-describedby": ids || undefined, "aria-invalid": error ? true : undefined };
}

export function TextField({ label, hint, error, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input id={id} {...described(id, hint, error)} {...input} />
    </FieldFrame>
  );
}

export function TextArea({ label, hint, error, ...input }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea id={id} {...described(id, hint, error)} {...input} />
    </FieldFrame>
  );
}

export function SelectField({
  label,
  hint,
  error,
  options,
  ...input
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select id={id} {...described(id, hint, error)} {...input}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function Checkbox({ label, hint, ...input }: { label: string; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field checkbox">
      <input id={id} type="checkbox" aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * A confirmation in a modal dialog (the browser's own <dialog>: it traps focus, closes on Escape, and gives
 * focus back). When `typeToConfirm` is set the person must type it first, for what cannot be undone.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger,
  typeToConfirm,
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  typeToConfirm?: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState("");
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setTyped("");
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);
  const allowed = !busy && (!typeToConfirm || typed.trim() === typeToConfirm);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onCancel={(e) => (e.preventDefault(), onCancel())} className="dialog">
      <h2 id={titleId}>{title}</h2>
      <div className="dialog-body">{children}</div>
      {typeToConfirm && (
        <TextField
          label={`Type ${typeToConfirm} to confirm`}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
        />
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className={danger ? "danger" : ""} disabled={!allowed} onClick={onConfirm}>
          {busy ? "Working…" : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Without clipboard access (plain http), select-and-copy is the fallback.
      const area = document.createElement("textarea");
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    setCopied(true);
    window.setTimeout(() => setCopied(false), 2000);
  };
  return (
    <button type="button" className="secondary small" onClick={copy}>
      <span aria-live="polite">{copied ? "Copied" : label}</span>
    </button>
  );
}
