// A document rendered in parts, a turn of the event loop apart (app/components/render-in-parts.tsx,
// #16): requests that arrive meanwhile are answered between the parts, and the HTML sent is the
// same as a render in one go (every part inline, no script needed to show it).
import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { createElement as h, Fragment, type ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { createRenderTurns, RenderPart, RenderTurnsProvider } from "~/components/render-in-parts";

/** The whole HTML once everything is ready, as app/entry.server.tsx sends it. */
function renderWhole(tree: ReactNode): Promise<string> {
  return new Promise((done, fail) => {
    const { pipe } = renderToPipeableStream(tree, {
      onAllReady() {
        const body = new PassThrough();
        let html = "";
        body.on("data", (chunk: Buffer) => (html += chunk.toString()));
        body.on("end", () => done(html));
        pipe(body);
      },
      onShellError: fail,
      onError: fail,
    });
  });
}

/** Counts turns of the event loop (one per check phase) while a render runs. */
function turnCounter() {
  let turn = 0;
  let running = true;
  const tick = () => {
    turn += 1;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return { now: () => turn, stop: () => void (running = false) };
}

// JSX-free (this is a .ts file): the page is a shell, a part holding a part, and a second part.
function Page({ seen }: { seen: (part: string) => void }) {
  const Mark = ({ part }: { part: string }) => {
    seen(part);
    return h("p", null, part);
  };
  const part = (name: string, ...children: ReactNode[]) =>
    h(RenderPart, { name, children: h(Fragment, null, ...children) });
  return h(
    "main",
    null,
    h(Mark, { part: "shell" }),
    part("filters", h(Mark, { part: "filters" }), part("inner", h(Mark, { part: "inner" }))),
    part("view", h(Mark, { part: "view" })),
  );
}

const withTurns = (tree: ReactNode) => h(RenderTurnsProvider, { value: createRenderTurns(setImmediate) }, tree);

describe("a document rendered in parts", () => {
  it("renders each part on a later turn of the event loop than the one before", async () => {
    const counter = turnCounter();
    const turnOf = new Map<string, number>();
    await renderWhole(withTurns(h(Page, { seen: (part) => turnOf.set(part, counter.now()) })));
    counter.stop();
    const turns = ["shell", "filters", "view", "inner"].map((part) => turnOf.get(part)!);
    expect(turns.every((turn) => turn !== undefined)).toBe(true);
    // Every part on a turn of its own: no two parts in one task.
    expect(new Set(turns).size).toBe(turns.length);
    expect(turnOf.get("filters")!).toBeGreaterThan(turnOf.get("shell")!);
    expect(turnOf.get("inner")!).toBeGreaterThan(turnOf.get("filters")!);
  });

  it("renders the parts left at once when the render has used its budget of turns (an overloaded server)", async () => {
    const counter = turnCounter();
    const turnOf = new Map<string, number>();
    const spent = h(
      RenderTurnsProvider,
      { value: createRenderTurns(setImmediate, 0) },
      h(Page, { seen: (part) => turnOf.set(part, counter.now()) }),
    );
    const html = await renderWhole(spent);
    counter.stop();
    expect(new Set(turnOf.values()).size).toBe(1);
    expect(html).toBe(await renderWhole(h(Page, { seen: () => {} })));
  });

  it("sends the same HTML as a render in one go, every part in place", async () => {
    const inParts = await renderWhole(withTurns(h(Page, { seen: () => {} })));
    const atOnce = await renderWhole(h(Page, { seen: () => {} }));
    expect(inParts).toBe(atOnce);
    expect(inParts).toMatch(/<p>shell<\/p>.*<p>filters<\/p>.*<p>inner<\/p>.*<p>view<\/p>/);
    // Nothing hidden for a script to reveal: readable without JavaScript.
    expect(inParts).not.toMatch(/hidden|<template|<script/);
  });
});
