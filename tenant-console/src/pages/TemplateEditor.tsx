import { useEffect, useState, type FormEvent } from "react";
import { ApiError, api, call, tenant } from "../api/client";
import type { NotificationTemplate, Preview } from "../api/types";
import { Link, navigate } from "../router";
import { ErrorBanner, Loading, PageHeader, Status, TextField } from "../ui/components";
import { useAsync, useDebounced } from "../ui/hooks";
import { TEMPLATE_KEYS, TemplateFields, VARIABLES, cleanTemplate } from "../ui/TemplateFields";

export function TemplateEditor({ templateKey }: { templateKey?: string }) {
  const existing = useAsync(async () => {
    if (!templateKey) return null;
    try {
      return await call(api.GET("/api/v1/tenants/{tenant}/templates/{key}", { params: { path: { tenant: tenant(), key: templateKey } } }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }, [templateKey]);
  if (existing.loading) return <Loading />;
  if (existing.error) return <ErrorBanner error={existing.error} />;
  const start: NotificationTemplate = existing.data
    ? { locale: existing.data.locale, sms: existing.data.sms, email: existing.data.email }
    : { locale: "fr", sms: "" };
  return <Editor key={templateKey ?? "new"} templateKey={templateKey} exists={!!existing.data} start={start} />;
}

function Editor({ templateKey, exists, start }: { templateKey?: string; exists: boolean; start: NotificationTemplate }) {
  const [key, setKey] = useState(templateKey ?? "");
  const [template, setDraft] = useState(start);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<Preview>();
  const [previewStale, setPreviewStale] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [stored, setStored] = useState(exists);
  const [busy, setBusy] = useState(false);
  const settled = useDebounced(template, 400);
  const label = TEMPLATE_KEYS.find((k) => k.key === key)?.label;

  // Live preview: the platform validates and renders the draft with sample values, nothing is saved.
  useEffect(() => {
    let current = true;
    call(api.POST("/api/v1/tenants/{tenant}/templates/preview", { params: { path: { tenant: tenant() } }, body: cleanTemplate(settled) })).then(
      (rendered) => {
        if (!current) return;
        setPreview(rendered);
        setPreviewStale(false);
        setErrors({});
      },
      (error) => {
        if (!current) return;
        setPreviewStale(true);
        setErrors(error instanceof ApiError ? error.fieldErrors : {});
        if (!(error instanceof ApiError && error.status === 400)) setFailure(error);
      },
    );
    return () => {
      current = false;
    };
  }, [settled]);

  const setTemplate = (next: NotificationTemplate) => {
    setDraft(next);
    setSaved(false);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      await call(
        api.PUT("/api/v1/tenants/{tenant}/templates/{key}", {
          params: { path: { tenant: tenant(), key: key.trim() } },
          body: cleanTemplate(template),
        }),
      );
      setSaved(true);
      setStored(true);
      if (!templateKey) navigate(`/templates/edit?key=${encodeURIComponent(key.trim())}`, { replace: true });
    } catch (error) {
      setErrors(error instanceof ApiError ? error.fieldErrors : {});
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={templateKey ? `Template ${templateKey}` : "New template"}>
        {label ? `${label}. ` : ""}
        {stored ? "Changes apply to the next message sent." : "Not saved yet: nothing is sent for this key until you save."}
      </PageHeader>
      <div className="grid-2">
        <form onSubmit={save} noValidate className="card stack" aria-label="Template">
          {!templateKey && (
            <TextField
              label="Key"
              name="key"
              value={key}
              onChange={(e) => (setKey(e.target.value), setSaved(false))}
              error={errors.key}
              list="template-keys"
              hint="Dotted lower-case words, such as payment.confirmed."
              required
            />
          )}
          <datalist id="template-keys">
            {TEMPLATE_KEYS.map((k) => (
              <option key={k.key} value={k.key}>
                {k.label}
              </option>
            ))}
          </datalist>
          <p className="hint">
            Variables: <code>{VARIABLES}</code>
          </p>
          <TemplateFields value={template} onChange={setTemplate} errors={errors} />
          {errors.template && <p className="field-error">{errors.template}</p>}
          {failure !== undefined && !(failure instanceof ApiError && failure.status === 400) && <ErrorBanner error={failure} />}
          {failure instanceof ApiError && failure.status === 400 && (
            <p className="banner error" role="alert">
              Not saved: fix the fields marked above.
            </p>
          )}
          {saved && <Status tone="success">Saved.</Status>}
          <div className="form-actions">
            <button type="submit" disabled={busy || !key.trim()}>
              {busy ? "Saving…" : "Save template"}
            </button>
            <Link to="/templates">Back to templates</Link>
          </div>
        </form>
        <section className="card" aria-labelledby="preview-title" aria-busy={settled !== template}>
          <h2 id="preview-title" style={{ marginTop: 0 }}>
            Preview
          </h2>
          <p className="muted small">With sample values: Élodie Martin, “Atelier découverte”, 45,00 €.</p>
          {previewStale && (
            <p className="banner error" role="status">
              The draft has errors; the preview shows the last valid version.
            </p>
          )}
          {preview ? <Rendered preview={preview} /> : <p className="muted">Type a text to see it rendered.</p>}
        </section>
      </div>
    </>
  );
}

function Rendered({ preview }: { preview: Preview }) {
  return (
    <div data-testid="template-preview">
      <h3>SMS</h3>
      {preview.sms ? <p className="sms-bubble" data-testid="preview-sms">{preview.sms}</p> : <p className="muted">No SMS.</p>}
      <h3>Email</h3>
      {preview.emailSubject || preview.emailHtml || preview.emailText ? (
        <>
          <p>
            <strong>Subject:</strong> {preview.emailSubject}
          </p>
          {preview.emailHtml && (
            // The rendered HTML runs nothing: the frame is sandboxed without scripts.
            <iframe className="preview-frame" title="Email HTML preview" sandbox="" srcDoc={preview.emailHtml} />
          )}
          {preview.emailText && <pre>{preview.emailText}</pre>}
        </>
      ) : (
        <p className="muted">No email.</p>
      )}
    </div>
  );
}
