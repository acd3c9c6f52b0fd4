import type { AppLoadContext } from "@remix-run/node";
import { loadDashboard, type ComputeDashboard } from "~/models/calibration.server";
import { parseCalibrationFilter, type CalibrationFilter } from "~/schemas/calibration-filter-schema";
import { toFieldErrors } from "./form-errors";
import { requireLead } from "./session.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Set by the server (app/server/start.ts): computes dashboard views on a worker thread. */
    computeDashboard?: ComputeDashboard;
  }
}

/** Every dashboard loader: leads only (others get 404), and a filter that parses, or a 400. */
export async function requireCalibrationRequest(request: Request): Promise<{ filter: CalibrationFilter; search: string }> {
  await requireLead(request);
  const url = new URL(request.url);
  const parsed = parseCalibrationFilter(url.searchParams);
  if (!parsed.success) {
    const errors = toFieldErrors(parsed.error);
    throw new Response(`Invalid filter: ${Object.entries(errors).map(([k, v]) => `${k}: ${v}`).join("; ")}`, { status: 400 });
  }
  return { filter: parsed.data, search: url.search };
}

/** The checked request and the dashboard's views for its filter. */
export async function loadDashboardViews(request: Request, context: AppLoadContext) {
  const checked = await requireCalibrationRequest(request);
  return { ...checked, views: await loadDashboard(checked.filter, context.computeDashboard) };
}
