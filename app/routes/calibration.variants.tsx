import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ChartFrame, fmt, signed } from "~/components/charts/chart-frame";
import { MIN_SHARED_CANDIDATES } from "~/domain/calibration/evidence";
import { MeansChart } from "~/components/charts/means-chart";
import { ErrorPage } from "~/components/error-page";
import { loadDashboard } from "~/models/dashboard-snapshot.server";
import { requireCalibrationRequest } from "~/utils/calibration-request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { filter } = await requireCalibrationRequest(request);
  const { views, freshness } = await loadDashboard(filter);
  return json({
    freshness,
    dimensions: views.variants,
    scale: views.scale,
  });
}

export default function CalibrationVariants() {
  const { dimensions, scale } = useLoaderData<typeof loader>();
  if (dimensions.length === 0) return <p className="empty">No submitted ratings with a variant match these filters.</p>;
  return (
    <div className="stack">
      <p className="hint">
        Each variant's mean per dimension with its 95% interval, which counts candidates rather than ratings (a
        candidate's ratings move together), so few candidates give a wide interval however many ratings they carry; no
        mean below {MIN_SHARED_CANDIDATES} candidates. A variant is highlighted when it differs from all the other
        variants by more than noise: the difference is estimated in the rater model (so which interviewers used which
        variant does not count) and holds after a Benjamini–Hochberg correction across every comparison on this page (q
        = 0.05).
      </p>
      <div className="chart-grid">
        {dimensions.map((d) => (
          <ChartFrame
            key={d.dimension}
            title={d.name}
            height={d.variants.length * 34 + 50}
            handDrawn
            chart={
              <MeansChart
                label={d.name}
                height={d.variants.length * 34 + 50}
                scale={scale}
                points={d.variants
                  .filter((v) => v.mean !== null)
                  .map((v) => ({
                    key: v.variant,
                    name: v.name,
                    mean: v.mean!,
                    ciLow: v.ciLow ?? v.mean!,
                    ciHigh: v.ciHigh ?? v.mean!,
                    highlight: !!v.versusRest?.differs,
                  }))}
              />
            }
            table={
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Variant</th>
                    <th scope="col">Ratings</th>
                    <th scope="col">Candidates</th>
                    <th scope="col">Mean</th>
                    <th scope="col">95% interval</th>
                    <th scope="col">vs the rest</th>
                  </tr>
                </thead>
                <tbody>
                  {d.variants.map((v) => (
                    <tr key={v.variant} className={v.versusRest?.differs ? "wide-spread" : undefined}>
                      <th scope="row">{v.name}</th>
                      <td>{v.n}</td>
                      <td>{v.candidates}</td>
                      <td>{v.mean === null ? (v.withheld ?? "—") : fmt(v.mean)}</td>
                      <td>{v.ciLow === null ? "—" : `${fmt(v.ciLow)} to ${fmt(v.ciHigh)}`}</td>
                      <td>
                        {v.versusRest
                          ? `${signed(v.versusRest.difference)}${v.versusRest.differs ? " — larger than noise" : ""}`
                          : (v.versusRestWithheld ?? "—")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
        ))}
      </div>
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
