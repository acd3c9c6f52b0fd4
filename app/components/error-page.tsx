import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const MESSAGES: Record<number, string> = {
  403: "You don't have access to this page.",
  404: "There is nothing here — or nothing you have access to.",
  413: "That request was too large.",
};

/** The one error boundary every route uses: thrown 4xx Responses and unexpected errors alike. */
export function ErrorPage() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    MESSAGES[status] ??
    (status < 500
      ? "That request could not be handled."
      : "Something went wrong on our side. Your saved work is safe.");
  return (
    <main className="page narrow">
      <h1>{status === 404 ? "Not found" : status < 500 ? "Can't do that" : "Unexpected error"}</h1>
      <p>{message}</p>
      <p>
        <Link to="/interviews">Back to your interviews</Link>
      </p>
    </main>
  );
}
