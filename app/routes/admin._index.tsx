import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { INDEPENDENCE_LABELS } from "~/domain/independence";
import { countCandidates } from "~/models/candidate.server";
import { countActivePeople } from "~/models/people.server";
import { getLatestRubricVersion } from "~/models/rubric.server";
import { countUpcomingInterviews } from "~/models/schedule.server";
import { getIndependenceMode } from "~/models/settings.server";
import { requireAdmin } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({
    people: countActivePeople(),
    candidates: countCandidates(),
    upcoming: countUpcomingInterviews(),
    rubricVersion: getLatestRubricVersion().id,
    independence: INDEPENDENCE_LABELS[getIndependenceMode()],
  });
}

export const meta: MetaFunction = () => [{ title: "Admin · Panel Scorecard" }];

export default function AdminOverview() {
  const data = useLoaderData<typeof loader>();
  const tiles = [
    {
      to: "people",
      title: "People",
      figure: data.people,
      text: "active accounts. Add people, change roles, deactivate.",
    },
    {
      to: "candidates",
      title: "Candidates",
      figure: data.candidates,
      text: "candidates. Add one, or erase one on request.",
    },
    {
      to: "interviews",
      title: "Interviews",
      figure: data.upcoming,
      text: "upcoming. Schedule an interview and choose its panel.",
    },
    {
      to: "rubric",
      title: "Rubric",
      figure: `v${data.rubricVersion}`,
      text: "is current. Edit anchors, weights, red flags and variants.",
    },
  ];
  return (
    <main className="page">
      <h1>Administration</h1>
      <p className="muted">Every change here is recorded in the audit log.</p>
      <ul className="admin-tiles">
        {tiles.map((tile) => (
          <li key={tile.to} className="card">
            <h2>
              <Link to={tile.to}>{tile.title}</Link>
            </h2>
            <p>
              <strong className="admin-figure">{tile.figure}</strong> {tile.text}
            </p>
          </li>
        ))}
      </ul>
      <section className="section card" aria-labelledby="independence-heading">
        <h2 id="independence-heading">Independence</h2>
        <p>{data.independence}.</p>
        <Link to="settings">Change in settings</Link>
      </section>
    </main>
  );
}

export const ErrorBoundary = ErrorPage;
