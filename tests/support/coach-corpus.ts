import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Signal, SignalKind } from "~/domain/coach/analyse-note";
import { SIGNAL_KINDS } from "~/domain/coach/analyse-note";

export type LabelledNote = {
  file: string;
  line: number;
  text: string;
  signals: Array<{ kind: SignalKind; quote: string }>;
};

const CORPUS_DIR = join(import.meta.dirname, "..", "fixtures", "coach");

export function readCorpus(): LabelledNote[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .flatMap((file) =>
      readFileSync(join(CORPUS_DIR, file), "utf8")
        .split("\n")
        .map((line, i) => ({ line, i }))
        .filter(({ line }) => line.trim() !== "")
        .map(({ line, i }) => ({ file, line: i + 1, ...(JSON.parse(line) as Omit<LabelledNote, "file" | "line">) })),
    );
}

export type KindScore = {
  kind: SignalKind;
  labels: number;
  predicted: number;
  hits: number;
  precision: number;
  recall: number;
};

/**
 * Precision and recall per kind. A prediction is a hit when it overlaps a not-yet-matched label
 * of its kind (spans are where the interviewer looks; exact bounds vary between annotators).
 */
export function scoreCorpus(notes: LabelledNote[], analyse: (text: string) => Signal[]) {
  const tally = new Map(SIGNAL_KINDS.map((k) => [k, { labels: 0, predicted: 0, hits: 0 }]));
  const misses: string[] = [];
  for (const note of notes) {
    const labels = note.signals.map((s) => {
      const start = note.text.indexOf(s.quote);
      if (start < 0) throw new Error(`${note.file}:${note.line}: quote not in text: ${s.quote}`);
      return { kind: s.kind, start, end: start + s.quote.length, matched: false };
    });
    const predicted = analyse(note.text);
    for (const l of labels) tally.get(l.kind)!.labels++;
    for (const p of predicted) {
      const t = tally.get(p.kind)!;
      t.predicted++;
      const label = labels.find((l) => !l.matched && l.kind === p.kind && p.start < l.end && l.start < p.end);
      if (label) {
        label.matched = true;
        t.hits++;
      } else misses.push(`FP ${p.kind} "${note.text.slice(p.start, p.end)}" in ${note.file}:${note.line}`);
    }
    for (const l of labels.filter((x) => !x.matched))
      misses.push(`FN ${l.kind} "${note.text.slice(l.start, l.end)}" in ${note.file}:${note.line}`);
  }
  const scores: KindScore[] = SIGNAL_KINDS.map((kind) => {
    const t = tally.get(kind)!;
    return { kind, ...t, precision: t.predicted ? t.hits / t.predicted : 1, recall: t.labels ? t.hits / t.labels : 1 };
  });
  return { scores, misses };
}
