import { useEffect, useState } from "react";
import { formatDateTime } from "~/utils/format";

const local = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
});

/**
 * A time in the viewer's own time zone. The server cannot know that zone, so the server's HTML
 * (and the first render in the browser, which must match it) says UTC; after mounting, the
 * browser's zone replaces it — no hydration mismatch.
 */
export function LocalTime({ iso }: { iso: string }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return <time dateTime={iso}>{mounted ? local.format(new Date(iso)) : formatDateTime(iso)}</time>;
}
