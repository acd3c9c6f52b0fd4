import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type LinksFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { listNotifications, markNotificationsRead } from "~/models/reminder.server";
import { formatDateTime } from "~/utils/format";
import { requireUser } from "~/utils/session.server";
import notificationStyles from "~/styles/notifications.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: notificationStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ notifications: listNotifications(user.id) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  if (form.get("intent") !== "read-all")
    return json({ errors: { intent: "Nothing to do: say which." } }, { status: 400 });
  markNotificationsRead(user.id);
  return redirect("/notifications");
}

export const meta: MetaFunction = () => [{ title: "Notifications · Panel Scorecard" }];

export default function NotificationsPage() {
  const { notifications } = useLoaderData<typeof loader>();
  const unread = notifications.filter((n) => n.readAt === null).length;
  return (
    <main className="page">
      <h1>Notifications</h1>
      <p className="muted">
        Reminders about scorecards not yet submitted. They come here when the app has no mail server to send them by.
      </p>
      {notifications.length === 0 ? (
        <p className="empty">No reminders: every scorecard you owe is in.</p>
      ) : (
        <>
          <ul className="notification-list">
            {notifications.map((n) => (
              <li key={n.id} className={n.readAt === null ? "card unread" : "card"}>
                {n.readAt === null ? <span className="badge badge-draft">New</span> : null}{" "}
                <Link to={n.link}>{n.subject}</Link>{" "}
                <span className="muted">{n.sentAt ? formatDateTime(n.sentAt) : ""}</span>
              </li>
            ))}
          </ul>
          {unread > 0 ? (
            <Form method="post">
              <button type="submit" className="button" name="intent" value="read-all">
                Mark all {unread} as read
              </button>
            </Form>
          ) : null}
        </>
      )}
    </main>
  );
}

export const ErrorBoundary = ErrorPage;
