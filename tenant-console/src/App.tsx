import { useEffect, useRef, useState, type ReactNode } from "react";
import { type Session, signOut } from "./auth/session";
import { Link, match, useLocation } from "./router";
import { Overview } from "./pages/Overview";
import { Connections } from "./pages/Connections";
import { Events } from "./pages/Events";
import { EventEditor } from "./pages/EventEditor";
import { Attendees } from "./pages/Attendees";
import { Contacts } from "./pages/Contacts";
import { ContactDetail } from "./pages/ContactDetail";
import { Deliveries } from "./pages/Deliveries";
import { DeliveryDetail } from "./pages/DeliveryDetail";
import { Messages } from "./pages/Messages";
import { Incidents } from "./pages/Incidents";
import { Templates } from "./pages/Templates";
import { TemplateEditor } from "./pages/TemplateEditor";
import { Team } from "./pages/Team";

const NAV = [
  { to: "/", label: "Overview" },
  { to: "/connections", label: "Connections" },
  { to: "/events", label: "Events" },
  { to: "/contacts", label: "Contacts" },
  { to: "/deliveries", label: "Deliveries" },
  { to: "/messages", label: "Messages" },
  { to: "/incidents", label: "Incidents" },
  { to: "/templates", label: "Templates" },
  { to: "/team", label: "Team" },
];

const ROUTES: { pattern: string; render: (p: Record<string, string>, search: URLSearchParams) => ReactNode }[] = [
  { pattern: "/", render: () => <Overview /> },
  { pattern: "/connections", render: () => <Connections /> },
  { pattern: "/events", render: () => <Events /> },
  { pattern: "/events/new", render: () => <EventEditor /> },
  { pattern: "/events/:id", render: (p) => <EventEditor id={p.id} /> },
  { pattern: "/events/:id/attendees", render: (p) => <Attendees eventId={p.id} /> },
  { pattern: "/contacts", render: () => <Contacts /> },
  { pattern: "/contacts/:id", render: (p) => <ContactDetail id={p.id} /> },
  { pattern: "/deliveries", render: () => <Deliveries /> },
  { pattern: "/deliveries/:id", render: (p) => <DeliveryDetail id={p.id} /> },
  { pattern: "/messages", render: () => <Messages /> },
  { pattern: "/incidents", render: () => <Incidents /> },
  { pattern: "/templates", render: () => <Templates /> },
  // Template keys have dots, so they go in the query: a last path segment with a dot looks like a file.
  { pattern: "/templates/edit", render: (_, search) => <TemplateEditor templateKey={search.get("key") ?? undefined} /> },
  { pattern: "/team", render: () => <Team /> },
];

function section(path: string): string {
  const first = "/" + (path.split("/").filter(Boolean)[0] ?? "");
  return first;
}

export function App({ session }: { session: Session }) {
  const { path, search } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    setMenuOpen(false);
    // After a navigation, move focus to the new page's heading so keyboard and screen-reader users start there.
    if (first.current) {
      first.current = false;
      return;
    }
    window.requestAnimationFrame(() => document.getElementById("page-title")?.focus());
  }, [path]);

  let page: ReactNode = null;
  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (params) {
      page = route.render(params, search);
      break;
    }
  }
  const current = section(path);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          Menu
        </button>
        <span className="brand">Switchboard</span>
        <span className="tenant" title="Your business on Switchboard">
          {session.tenant}
        </span>
        <span className="user">{session.user}</span>
        <button type="button" className="secondary small" onClick={signOut}>
          Sign out
        </button>
      </header>
      <nav id="nav" aria-label="Console" className={menuOpen ? "open" : ""}>
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <Link to={item.to} aria-current={current === item.to ? "page" : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={main} tabIndex={-1}>
        {page ?? <NotFound />}
      </main>
    </div>
  );
}

function NotFound() {
  return (
    <>
      <h1 id="page-title" tabIndex={-1}>
        Page not found
      </h1>
      <p>
        This address is not a page of the console. <Link to="/">Go to the overview</Link>.
      </p>
    </>
  );
}
