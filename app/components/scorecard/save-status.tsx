import { memo } from "react";
import type { Rubric } from "~/domain/rubric/types";
import type { MergeConflict } from "~/domain/scorecard/merge-draft";
import { LocalTime } from "~/components/local-time";
import type { ChooseConflict } from "./conflict-text";
import { mergeKit } from "./merge-parts";
import { useSaveStatus, type SaveStatusStore } from "./save-status-store";

const timeOfDay = (iso: string) =>
  new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/**
 * The one place that says whether the server has the latest change: "Saved" means acknowledged.
 * It reads the status from its store, so a change of status re-renders this line alone.
 */
export const SaveStatusLine = memo(function SaveStatusLine({
  statusStore,
  submitted,
  amending,
  submittedAt,
  hasServerCopy,
  conflicts,
  rubric,
  onChoose,
}: {
  statusStore: SaveStatusStore;
  submitted: boolean;
  amending: boolean;
  submittedAt: string | null;
  hasServerCopy: boolean;
  conflicts: MergeConflict[];
  rubric: Rubric;
  onChoose: ChooseConflict;
}) {
  const status = useSaveStatus(statusStore);
  // Conflicts come only from a merge, which waited for the kit.
  const kit = conflicts.length ? mergeKit.now() : null;
  let text: React.ReactNode;
  let tone = "neutral";
  if (amending) {
    text = "Amending — nothing changes until you save the amendment";
    tone = "warn";
  } else if (submitted) {
    text = submittedAt ? (
      <>
        Submitted <LocalTime iso={submittedAt} /> · read-only
      </>
    ) : (
      "Submitted · read-only"
    );
    tone = "ok";
  } else if (kit) {
    text = kit.conflictStatusText(rubric, conflicts);
    tone = "danger";
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
        text = status.submitQueued
          ? "Offline — submit queued: it will be sent when the network returns"
          : "Offline — kept on this device, will sync when back online";
        tone = "warn";
        break;
      case "error":
        text = `Not saved: ${status.message}`;
        tone = "danger";
        break;
    }
  }
  return (
    <div className="save-status-area">
      <p role="status" className={`save-status ${tone}`}>
        {text}
      </p>
      {kit && !submitted ? <kit.ConflictStatusActions field={conflicts[0].field} onChoose={onChoose} /> : null}
    </div>
  );
});
