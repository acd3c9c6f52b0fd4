import { json } from "@remix-run/node";

/**
 * The posted form, or a 400 for a body that is not one (JSON, plain text, a broken multipart):
 * request.formData() throws on those, which would otherwise surface as a 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw json({ errors: { form: "Expected a form post" } }, { status: 400 });
  }
}
