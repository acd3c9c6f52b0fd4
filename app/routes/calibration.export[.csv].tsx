import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportRatingsCsv } from "~/models/rating-export.server";
import { requireCalibrationRequest } from "~/utils/calibration-request.server";

/** Exactly the ratings in view, in the calibration engine's long format, under the same filters. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { filter } = await requireCalibrationRequest(request);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(exportRatingsCsv(filter), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="calibration-${day}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
