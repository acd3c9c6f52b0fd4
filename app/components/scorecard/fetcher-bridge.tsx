import { useFetcher, type FetcherWithComponents } from "@remix-run/react";
import { memo, useEffect, useRef, type MutableRefObject } from "react";

// useFetcher re-renders its component on every change of the router's state (every fetcher's
// every step), so the editor does not call it: this child does, and hands the editor its submit
// and each (state, data) it reaches. The editor stores only what it shows.

export type FetcherSubmit = FetcherWithComponents<unknown>["submit"];

export const FetcherBridge = memo(function FetcherBridge({
  fetcherKey,
  submitRef,
  onChange,
}: {
  fetcherKey: string;
  submitRef: MutableRefObject<FetcherSubmit | null>;
  onChange: (state: "idle" | "loading" | "submitting", data: unknown) => void;
}) {
  const fetcher = useFetcher({ key: fetcherKey });
  submitRef.current = fetcher.submit;
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => latest.current(fetcher.state, fetcher.data), [fetcher.state, fetcher.data]);
  return null;
});
