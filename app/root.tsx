import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  Links,
  LiveReload,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { ErrorPage } from "~/components/error-page";
import { clearDeviceDrafts } from "~/components/scorecard/local-draft";
import { useNonce } from "~/utils/nonce-provider";
import { skipRevalidationAfterAutosave } from "~/utils/revalidation";
import { countUnreadNotifications } from "~/models/reminder.server";
import { getUser } from "~/utils/session.server";
import baseStyles from "~/styles/base.css";
import shellStyles from "~/styles/shell.css";
import formStyles from "~/styles/forms.css";
import tableStyles from "~/styles/tables.css";
import debriefStyles from "~/styles/debrief.css";
import { registerServiceWorker } from "~/utils/service-worker";

// The sheets every page uses, in cascade order; a route links its own area's sheet (scorecard,
// calibration, admin, ...), which Remix places after these.
export const links: LinksFunction = () => [
  ...[baseStyles, shellStyles, formStyles, tableStyles, debriefStyles].map((href) => ({ rel: "stylesheet", href })),
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return json({
    user: user && { id: user.id, name: user.name, roles: user.roles, unread: countUnreadNotifications(user.id) },
  });
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user;
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {user ? (
          <header className="topbar">
            <span className="brand">Panel Scorecard</span>
            <nav aria-label="Main">
              <NavLink to="/interviews">Interviews</NavLink>
              <NavLink to="/practice">Practice</NavLink>
              {user.roles.includes("lead") ? <NavLink to="/calibration">Calibration</NavLink> : null}
              {user.roles.includes("lead") ? <NavLink to="/overdue">Overdue</NavLink> : null}
              {user.roles.includes("admin") ? <NavLink to="/admin">Admin</NavLink> : null}
              <NavLink to="/notifications">
                Notifications{user.unread > 0 ? <span className="count"> {user.unread}</span> : null}
              </NavLink>
            </nav>
            <span className="topbar-user">
              {user.name}
              {/* Drafts live in localStorage (JavaScript only), so clearing them here covers them all. */}
              <Form method="post" action="/logout" onSubmit={() => clearDeviceDrafts(user.id)}>
                <button type="submit" className="link-button">
                  Sign out
                </button>
              </Form>
            </span>
          </header>
        ) : null}
        <div id="main">{children}</div>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        {/* Renders nothing outside `npm run dev`. */}
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

export const shouldRevalidate = skipRevalidationAfterAutosave;

export default function App() {
  // Marks the page as interactive: keyboard shortcuts and autosave exist only from here on.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
    registerServiceWorker();
  }, []);
  return <Outlet />;
}

export const ErrorBoundary = ErrorPage;
