import type { SaveStatus } from "./use-autosave";

const timeOfDay = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** The one place that says whether the server has the latest change: "Saved" means acknowledged. */
export function SaveStatusLine({
  status,
  submitted,
  amending,
  submittedAt,
  hasServerCopy,
}: {
  status: SaveStatus;
  submitted: boolean;
  amending: boolean;
  submittedAt: string | null;
  hasServerCopy: boolean;
}) {
  let text: string;
  let tone = "neutral";
  if (amending) {
    text = "Amending — nothing changes until you save the amendment";
    tone = "warn";
  } else if (submitted) {
    text = submittedAt ? `Submitted ${new Date(submittedAt).toISOString().slice(0, 16).replace("T", " ")} UTC · read-only` : "Submitted · read-only";
    tone = "ok";
  } else {
    switch (status.state) {
      case "idle":
        text = hasServerCopy ? "Saved" : "Nothing to save yet";
        tone = hasServerCopy ? "ok" : "neutral";
        break;
      case "pending":
        text = "Changes not yet saved…";
        break;
      case "saving":
        text = "Saving…";
        break;
      case "saved":
        text = `Saved at ${timeOfDay(status.at)}`;
        tone = "ok";
        break;
      case "offline":
        text = "Offline — kept on this device, will sync when back online";
        tone = "warn";
        break;
      case "conflict":
        text = "Not saved: changed elsewhere";
        tone = "danger";
        break;
      case "error":
        text = `Not saved: ${status.message}`;
        tone = "danger";
        break;
    }
  }
  return (
    <p role="status" className={`save-status ${tone}`}>
      {text}
    </p>
  );
}
