import { json, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, Link, NavLink, Outlet, useLoaderData, useLocation, useNavigate } from "@remix-run/react";
import { AsOfNote, useViewFreshness } from "~/components/calibration/as-of-note";
import { ErrorPage } from "~/components/error-page";
import { RenderPart } from "~/components/render-in-parts";
import { getFilterOptions } from "~/models/calibration.server";
import { requireCalibrationRequest } from "~/utils/calibration-request.server";
import calibrationStyles from "~/styles/calibration.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: calibrationStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { filter, search } = await requireCalibrationRequest(request);
  return json({ filter, search, options: getFilterOptions() });
}

export const meta: MetaFunction = () => [{ title: "Calibration · Panel Scorecard" }];

const TABS = [
  { to: "/calibration", label: "Overview", end: true },
  { to: "/calibration/interviewers", label: "Interviewers" },
  { to: "/calibration/dimensions", label: "Dimensions" },
  { to: "/calibration/variants", label: "Variants" },
  { to: "/calibration/candidates", label: "Candidates" },
  { to: "/calibration/queue", label: "Disagreements" },
  { to: "/calibration/reviews", label: "Reviews", keepFilter: false },
  { to: "/calibration/decisions", label: "Decisions", keepFilter: false },
  { to: "/calibration/conversations", label: "Conversations", keepFilter: false },
  { to: "/calibration/practice", label: "Practice", keepFilter: false },
];

export default function CalibrationLayout() {
  const { filter, search, options } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const freshness = useViewFreshness();
  const active = (list: string[] | undefined, key: string) => list?.includes(key) ?? false;
  // Pages that do not read the filter (reviews, practice, decisions, conversations) do not show it.
  const filtered = !TABS.some(
    (tab) => tab.keepFilter === false && (pathname === tab.to || pathname.startsWith(`${tab.to}/`)),
  );
  return (
    <main className="page wide calibration">
      <header className="calibration-head">
        <h1>Calibration</h1>
        {filtered ? (
          <a className="button" href={`/calibration/export.csv${search}`} download>
            Export CSV of this view
          </a>
        ) : null}
      </header>
      {/* Every interviewer is an option of the filter bar (300 at the largest employer): a part of its own. */}
      {filtered ? (
        <RenderPart name="calibration-filters">
          <Form
            // Keyed by the URL's filter: the fields are uncontrolled, so without a fresh form "Clear"
            // (a link to the bare path) would leave the old choices in place for the next Apply.
            key={search}
            method="get"
            action={pathname}
            className="filters card"
            aria-label="Filters"
            onSubmit={(event) => {
              // Leave empty fields out of the URL, so a shared link says only what is filtered.
              event.preventDefault();
              const params = new URLSearchParams();
              for (const [name, value] of new FormData(event.currentTarget))
                if (typeof value === "string" && value) params.append(name, value);
              navigate(`${pathname}?${params}`);
            }}
          >
            <div className="field">
              <label htmlFor="filter-from">From</label>
              <input id="filter-from" type="date" name="from" defaultValue={filter.from ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="filter-to">To</label>
              <input id="filter-to" type="date" name="to" defaultValue={filter.to ?? ""} />
            </div>
            <fieldset className="filter-group">
              <legend>Variants</legend>
              {options.variants.map((v) => (
                <label key={v.key}>
                  <input type="checkbox" name="variant" value={v.key} defaultChecked={active(filter.variants, v.key)} />{" "}
                  {v.name}
                </label>
              ))}
            </fieldset>
            <fieldset className="filter-group">
              <legend>Levels</legend>
              {options.levels.map((l) => (
                <label key={l.key}>
                  <input type="checkbox" name="level" value={l.key} defaultChecked={active(filter.levels, l.key)} />{" "}
                  {l.name}
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="filter-interviewers">Interviewers</label>
              <select
                id="filter-interviewers"
                name="interviewer"
                multiple
                size={5}
                defaultValue={(filter.interviewerIds ?? []).map(String)}
              >
                {options.interviewers.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="filter-dimension">Dimension</label>
              <select id="filter-dimension" name="dimension" defaultValue={filter.dimension ?? ""}>
                <option value="">All dimensions</option>
                {options.dimensions.map((d) => (
                  <option key={d.key} value={d.key}>
                    {d.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="filter-actions">
              <button type="submit" className="button primary">
                Apply filters
              </button>
              <Link to={pathname}>Clear</Link>
            </div>
          </Form>
        </RenderPart>
      ) : null}
      <nav className="tabs" aria-label="Calibration views">
        {TABS.map((tab) => (
          <NavLink key={tab.to} to={`${tab.to}${tab.keepFilter === false ? "" : search}`} end={tab.end}>
            {tab.label}
          </NavLink>
        ))}
      </nav>
      {freshness ? <AsOfNote freshness={freshness} /> : null}
      <RenderPart name="calibration-view">
        <Outlet />
      </RenderPart>
    </main>
  );
}

export const ErrorBoundary = ErrorPage;
