import { memo, type ReactNode } from "react";
import { lazyPart } from "~/components/lazy-part";
import { choiceLock } from "./read-lock";
import { RecommendationPanel, type RecommendationPanelProps } from "./recommendation-panel";
import { useSaving, type SaveStatusStore } from "./save-status-store";

/** One submission or amendment of the card, as the sidebar lists it (the loader passes the model's rows). */
export interface RevisionEntry {
  revision: number;
  reason: string | null;
  afterSeeingOthers: boolean;
  createdAt: string;
}

/** The recommendation panel's props, and what the flags, STAR and amendment parts need besides. */
interface SidebarProps extends RecommendationPanelProps {
  /** Conflicts on flags, STAR ticks and the recommendation, shown here beside them. */
  conflicts: ReactNode;
  /** The autosave's status (a submit in flight disables Save amendment) and whether an amendment is being saved. */
  statusStore: SaveStatusStore;
  amendBusy: boolean;
  /** For a submitted scorecard: its history, and the amendment being written. */
  amendment: {
    active: boolean;
    reason: string;
    revisions: RevisionEntry[];
    onReason: (text: string) => void;
    onStart: () => void;
    onCancel: () => void;
  } | null;
}

// Only a submitted card has an amendment panel, and an amendment is saved only over the network:
// it comes in a chunk of its own (preload-parts.ts fetches it once the page is up).
const AmendmentPanel = lazyPart(() => import("./amendment-panel").then((m) => m.AmendmentPanel));

export const preloadAmendment = () => AmendmentPanel.preload();

/** Everything beside the four dimensions that is not in the live bar: flags, STAR, the recommendation. */
export const ScorecardSidebar = memo(function ScorecardSidebar(props: SidebarProps) {
  const { conflicts, statusStore, amendBusy, amendment, ...panel } = props;
  const { rubric, bind, readOnly, errors } = panel;
  const dimensionName = (key: string) => rubric.dimensions.find((d) => d.key === key)?.name ?? key;

  return (
    <aside className="sidebar" aria-label="Flags, STAR and recommendation">
      {conflicts}
      <fieldset className="card flags" data-red-flags>
        <legend>
          Red flags <kbd>f</kbd>
        </legend>
        <ul className="toggles">
          {rubric.redFlags.map((flag) => (
            <li key={flag.key}>
              <label title={flag.description}>
                <input
                  type="checkbox"
                  aria-describedby={`flag-${flag.key}`}
                  {...choiceLock(readOnly)}
                  {...bind.choice("redFlags", flag.key)}
                />
                <span>
                  <strong>{flag.name}</strong>
                  <span id={`flag-${flag.key}`} className="hint flag-caps">
                    {" "}
                    caps {flag.caps.map((c) => `${dimensionName(c.dimension)} at ${c.max}`).join(", ")}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <fieldset className="card star-card">
        <legend>
          STAR <kbd>Shift+S/T/A/R</kbd>
        </legend>
        <ul className="toggles star">
          {rubric.star.map((part) => (
            <li key={part.key}>
              <label title={part.prompt}>
                <input type="checkbox" {...choiceLock(readOnly)} {...bind.choice("star", part.key)} />
                {part.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <RecommendationPanel {...panel} />

      {amendment ? (
        <Amendment
          {...amendment}
          error={errors.reason ?? errors.form}
          statusStore={statusStore}
          amendBusy={amendBusy}
        />
      ) : null}
    </aside>
  );
});

/** The amendment panel, given whether a submit or an amendment is being saved (it disables Save amendment). */
function Amendment(
  props: NonNullable<SidebarProps["amendment"]> & {
    error: string | undefined;
    statusStore: SaveStatusStore;
    amendBusy: boolean;
  },
) {
  const { statusStore, amendBusy, ...panel } = props;
  const submitting = useSaving(statusStore) || amendBusy;
  return <AmendmentPanel.Component {...panel} submitting={submitting} />;
}
