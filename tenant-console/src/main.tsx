import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { beginSignIn, callbackPath, completeSignIn, currentSession, type Session } from "./auth/session";
import { navigate } from "./router";
import "./styles.css";

// Effects run twice in development's strict mode; a code can be exchanged only once.
let started = false;

/** Signs in first (or finishes signing in on the callback), then shows the console. */
function Root() {
  const [session, setSession] = useState<Session | null>(currentSession);
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    if (started) return;
    started = true;
    if (window.location.pathname === callbackPath()) {
      completeSignIn(window.location.search).then(
        ({ session, returnTo }) => {
          const base = import.meta.env.BASE_URL.replace(/\/$/, "");
          const target = returnTo.startsWith(base) ? returnTo.slice(base.length) || "/" : "/";
          navigate(target === "/callback" ? "/" : target, { replace: true });
          setSession(session);
        },
        (error: Error) => setProblem(error.message),
      );
    } else if (!session) {
      void beginSignIn(window.location.pathname + window.location.search);
    }
    // Runs once, at start.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (problem) {
    return (
      <main className="signin-problem">
        <h1>Sign-in did not complete</h1>
        <p role="alert">{problem}</p>
        <button type="button" onClick={() => void beginSignIn(import.meta.env.BASE_URL)}>
          Sign in again
        </button>
      </main>
    );
  }
  if (!session) {
    return (
      <p className="loading" role="status">
        Signing you in…
      </p>
    );
  }
  return <App session={session} />;
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
