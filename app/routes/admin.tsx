import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { requireAdmin } from "~/utils/session.server";
import adminStyles from "~/styles/admin.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

const SECTIONS = [
  { to: "/admin", label: "Overview", end: true },
  { to: "/admin/people", label: "People" },
  { to: "/admin/candidates", label: "Candidates" },
  { to: "/admin/interviews", label: "Interviews" },
  { to: "/admin/rubric", label: "Rubric" },
  { to: "/admin/settings", label: "Settings" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return null;
}

export default function AdminLayout() {
  return (
    <div className="admin">
      <nav aria-label="Administration" className="admin-nav">
        <span className="admin-nav-title">Admin</span>
        {SECTIONS.map((s) => (
          <NavLink key={s.to} to={s.to} end={s.end} prefetch="intent">
            {s.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
