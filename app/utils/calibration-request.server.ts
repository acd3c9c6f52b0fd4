import { getFilterVocabulary } from "~/models/calibration.server";
import {
  filterParamName,
  findUnknownFilterValues,
  parseCalibrationFilter,
  type CalibrationFilter,
} from "~/schemas/calibration-filter-schema";
import { toFieldErrors } from "~/schemas/form-errors";
import { invariantResponse } from "./invariant";
import { requireLead } from "./session.server";

/** Every dashboard loader: leads only (others get 404), and a filter that parses, or a 400. */
export async function requireCalibrationRequest(
  request: Request,
): Promise<{ filter: CalibrationFilter; search: string }> {
  await requireLead(request);
  const url = new URL(request.url);
  const parsed = parseCalibrationFilter(url.searchParams);
  const errors = parsed.success
    ? findUnknownFilterValues(parsed.data, getFilterVocabulary(parsed.data))
    : toFieldErrors(parsed.error);
  const named = Object.entries(errors).map(([path, message]) => `${filterParamName(path)}: ${message}`);
  // One rule for every filter parameter: malformed or naming nothing, a 400 that names the field.
  invariantResponse(parsed.success && named.length === 0, () => `Invalid filter: ${named.join("; ")}`, { status: 400 });
  return { filter: parsed.data, search: url.search };
}
