import { Form } from "@remix-run/react";

/** Opens (or goes to) the calibration review of an interview: POST /calibration/reviews. */
export function OpenReviewButton({
  interviewId,
  label = "Open review",
  context,
}: {
  interviewId: number;
  label?: string;
  context?: string;
}) {
  return (
    <Form method="post" action="/calibration/reviews">
      <input type="hidden" name="intent" value="open" />
      <input type="hidden" name="interviewId" value={interviewId} />
      <button type="submit" className="link-button">
        {label}
        {context ? <span className="visually-hidden"> {context}</span> : null}
      </button>
    </Form>
  );
}
