// Sign-in with the platform's authorization server: authorization code + PKCE, as the public client
// "switchboard-console". The access token lives in sessionStorage (this tab only) and is never sent anywhere
// but this platform's API. When it expires the console goes through the authorization endpoint again; the
// platform's sign-in session usually makes that a quick round trip without the form.

import { sha256 } from "./sha256";

const CLIENT_ID = "switchboard-console";
const SCOPES = "api:read api:write";
/** Added by the platform to the tokens of a business's admins; never requested. */
const TENANT_ADMIN_SCOPE = "tenant:admin";
const TOKEN_KEY = "switchboard.console.token";
const PENDING_KEY = "switchboard.console.pending";
/** Tokens are renewed a little before they expire, so a request never leaves with one about to lapse. */
const EXPIRY_MARGIN_MS = 30_000;

export interface Session {
  accessToken: string;
  expiresAt: number;
  tenant: string;
  user: string;
  /** Whether the token carries tenant:admin (the user is one of the business's admins). Only shapes the pages; the API decides. */
  admin: boolean;
}

interface Pending {
  state: string;
  verifier: string;
  returnTo: string;
}

export function callbackPath(): string {
  return `${import.meta.env.BASE_URL}callback`;
}

function redirectUri(): string {
  return `${window.location.origin}${callbackPath()}`;
}

export function currentSession(): Session | null {
  const raw = sessionStorage.getItem(TOKEN_KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    return session.expiresAt - EXPIRY_MARGIN_MS > Date.now() ? session : null;
  } catch {
    return null;
  }
}

/** Leaves for the authorization endpoint; comes back to `returnTo` once signed in. */
export async function beginSignIn(returnTo: string): Promise<never> {
  const verifier = randomString(48);
  const state = randomString(24);
  const pending: Pending = { state, verifier, returnTo };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const challenge = base64Url(await sha256(new TextEncoder().encode(verifier)));
  const query = new URLSearchParams({
    response_type: "code",
    client_id: CLIENT_ID,
    redirect_uri: redirectUri(),
    scope: SCOPES,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  window.location.assign(`/oauth2/authorize?${query}`);
  return new Promise<never>(() => {});
}

/** Handles /console/callback: checks the state, exchanges the code, and tells where to go next. */
export async function completeSignIn(search: string): Promise<{ session: Session; returnTo: string }> {
  const params = new URLSearchParams(search);
  const pendingRaw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (params.get("error")) {
    throw new SignInError(params.get("error_description") ?? params.get("error") ?? "sign-in failed");
  }
  const pending = pendingRaw ? (JSON.parse(pendingRaw) as Pending) : null;
  const code = params.get("code");
  if (!pending || !code || params.get("state") !== pending.state) {
    throw new SignInError("This sign-in link is stale or was not started here.");
  }
  const response = await fetch("/oauth2/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri(),
      client_id: CLIENT_ID,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) {
    throw new SignInError(`The platform refused the sign-in (${response.status}).`);
  }
  const body = (await response.json()) as { access_token: string; expires_in: number };
  const claims = decodeClaims(body.access_token);
  if (typeof claims.tenant !== "string") {
    throw new SignInError("This account belongs to no tenant.");
  }
  const session: Session = {
    accessToken: body.access_token,
    expiresAt: Date.now() + body.expires_in * 1000,
    tenant: claims.tenant,
    user: typeof claims.sub === "string" ? claims.sub.slice(claims.tenant.length + 1) : "",
    admin: scopesOf(claims).includes(TENANT_ADMIN_SCOPE),
  };
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(session));
  return { session, returnTo: pending.returnTo };
}

/** Forgets the token and ends the platform's sign-in session. */
export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  window.location.assign("/logout");
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

export class SignInError extends Error {}

function scopesOf(claims: Record<string, unknown>): string[] {
  const scope = claims.scope;
  if (Array.isArray(scope)) return scope.filter((s): s is string => typeof s === "string");
  return typeof scope === "string" ? scope.split(" ") : [];
}

function decodeClaims(jwt: string): Record<string, unknown> {
  const payload = jwt.split(".")[1] ?? "";
  const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

function randomString(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return base64Url(buffer);
}

function base64Url(bytes: Uint8Array): string {
  let text = "";
  bytes.forEach((b) => (text += String.fromCharCode(b)));
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
