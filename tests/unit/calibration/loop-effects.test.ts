import { describe, expect, it } from "vitest";
import { loopActions, rankActions, raterActions } from "~/domain/calibration/action-list";
import { binomialUpperTail, clopperPearson, fisherExactGreater } from "~/domain/calibration/exact-tests";
import {
  LOOP_RULES,
  measurePracticeDistance,
  measureRedFlagUse,
  measureShare,
  tallyRecords,
  type CountRecord,
  type PracticeCell,
} from "~/domain/calibration/loop-effects";

// Reference values from R 4.2.2: binom.test(k, n)$conf.int and
// fisher.test(matrix(c(k1, n1 - k1, k2, n2 - k2), 2), alternative = "greater")$p.value.
describe("exact tests", () => {
  it.each([
    { k: 0, n: 10, low: 0, high: 0.3084971 },
    { k: 5, n: 8, low: 0.2448632, high: 0.9147666 },
    { k: 10, n: 10, low: 0.6915029, high: 1 },
    { k: 1, n: 20, low: 0.001265089, high: 0.2487328 },
    // The dashboard's sizes: a few hundred scorecards or seats per interviewer.
    { k: 37, n: 333, low: 0.0794492329914, high: 0.1498895539907 },
    { k: 0, n: 350, low: 0, high: 0.010484308032 },
    { k: 340, n: 350, low: 0.948085063058, high: 0.986215635669 },
    { k: 150, n: 1000, low: 0.128424811116, high: 0.173658128567 },
  ])("Clopper–Pearson $k of $n", ({ k, n, low, high }) => {
    const ci = clopperPearson(k, n);
    expect(ci.low).toBeCloseTo(low, 6);
    expect(ci.high).toBeCloseTo(high, 6);
  });

  it.each([
    // The lady tasting tea (Fisher 1935): 3 of 4 right against 1 of 4, one-sided p = 17/70.
    { k1: 3, n1: 4, k2: 1, n2: 4, p: 0.2428571 },
    { k1: 5, n1: 8, k2: 2, n2: 100, p: 1.004217e-5 },
    { k1: 0, n1: 5, k2: 3, n2: 10, p: 1 },
  ])("Fisher's exact test, one-sided, $k1/$n1 vs $k2/$n2", ({ k1, n1, k2, n2, p }) => {
    const got = fisherExactGreater(k1, n1, k2, n2);
    expect(Math.abs(got - p) / p).toBeLessThan(1e-3);
  });

  // R 4.2.2: 1 - pbinom(k - 1, n, p), i.e. P(X >= k), printed with sprintf("%.12g").
  it.each([
    { k: 37, n: 333, p: 0.1, tail: 0.274086158875 },
    { k: 1, n: 350, p: 0.002, tail: 0.503762648137 },
    { k: 340, n: 350, p: 0.97, tail: 0.519799075715 },
    { k: 150, n: 1000, p: 0.15, tail: 0.51354190532 },
    { k: 251, n: 1000, p: 0.2, tail: 5.07045365084e-5 },
  ])("binomial tail P(X >= $k), n = $n, p = $p", ({ k, n, p, tail }) => {
    expect(Math.abs(binomialUpperTail(k, n, p) - tail) / tail).toBeLessThan(1e-9);
  });

  it("binomial tail equals the plain sum of its terms, wherever the mode lies", () => {
    // The terms' logarithms summed here carry ~1e-12 of rounding at n = 333; a wrong term would be far off.
    const logChoose = (n: number, x: number) => {
      let sum = 0;
      for (let i = 1; i <= x; i++) sum += Math.log((n - x + i) / i);
      return sum;
    };
    for (const n of [1, 7, 40, 333])
      for (const p of [0.001, 0.05, 0.3, 0.5, 0.9, 0.999])
        for (let k = 0; k <= n + 1; k += Math.max(1, Math.floor(n / 13))) {
          let plain = 0;
          for (let x = Math.max(k, 0); x <= n; x++)
            plain += Math.exp(logChoose(n, x) + x * Math.log(p) + (n - x) * Math.log1p(-p));
          const got = binomialUpperTail(k, n, p);
          expect(Math.abs(got - Math.min(1, plain))).toBeLessThanOrEqual(1e-10 * plain + 1e-300);
        }
  });

  it("binomial tail at the edges", () => {
    expect(binomialUpperTail(0, 5, 0.3)).toBe(1);
    expect(binomialUpperTail(6, 5, 0.3)).toBe(0);
    expect(binomialUpperTail(5, 5, 0.5)).toBeCloseTo(1 / 32, 12);
  });
});

const records = (interviewer: string, hits: number, n: number): CountRecord[] =>
  Array.from({ length: n }, (_, k) => ({
    interviewer,
    interviewId: k + 1,
    label: `${interviewer} #${k + 1}`,
    hit: k < hits,
  }));

describe("measureShare", () => {
  const peers = ["p1", "p2", "p3", "p4"].flatMap((p) => records(p, 1, 20));

  it("flags a share well above peers with enough evidence, with an exact interval and the scorecards that show it", () => {
    const [me] = measureShare("amends_after_panel", tallyRecords([...records("me", 5, 8), ...peers]));
    expect(me).toMatchObject({ interviewer: "me", flagged: true, percent: true, interval: "exact", evidence: 8 });
    expect(me.size).toBeCloseTo(5 / 8);
    expect(me.baseline).toBeCloseTo(4 / 80);
    expect(me.ciLow).toBeCloseTo(0.2448632, 5);
    expect(me.links.map((l) => l.interviewId)).toEqual([5, 4, 3]);
  });

  it("lists nobody under the minimum, nor with fewer occurrences than minHits, nor a share near the peers'", () => {
    const thin = measureShare("amends_after_panel", tallyRecords([...records("thin", 2, 2), ...peers]))[0];
    expect(thin.flagged).toBe(false);
    expect(thin.withheld).toBe(`needs ${LOOP_RULES.amends_after_panel.minimum} submitted scorecards, has 2`);
    const once = measureShare("overdue_scorecards", tallyRecords([...records("once", 1, 5), ...peers]))[0];
    expect(once.flagged).toBe(false);
    expect(once.relativeSize).toBe(0);
    const near = measureShare("decision_disagreement", tallyRecords([...records("near", 3, 20), ...peers]))[0];
    expect(near.flagged).toBe(false);
  });

  it("counts interleaved records as grouping them did: interviewers in order of first record, the latest three hits newest first", () => {
    // The former measureShare's grouping, on records: what the tally must give.
    const grouped = (list: CountRecord[]) => {
      const by = new Map<string, CountRecord[]>();
      for (const r of list) by.set(r.interviewer, [...(by.get(r.interviewer) ?? []), r]);
      return [...by].map(([interviewer, own]) => ({
        interviewer,
        n: own.length,
        k: own.filter((r) => r.hit).length,
        links: own
          .filter((r) => r.hit)
          .reverse()
          .slice(0, 3)
          .map((r) => ({ label: r.label, interviewId: r.interviewId })),
      }));
    };
    let seed = 3;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 8) % n;
    for (let round = 0; round < 50; round++) {
      const list: CountRecord[] = Array.from({ length: next(120) }, (_, k) => ({
        interviewer: `i${next(6)}`,
        interviewId: k + 1,
        label: `c${next(30)}`,
        hit: next(3) === 0,
      }));
      const tally = tallyRecords(list);
      expect([...tally].map(([interviewer, count]) => ({ interviewer, ...count }))).toEqual(grouped(list));
      expect(measureShare("overdue_scorecards", tally).map((m) => [m.interviewer, m.evidence, m.links])).toEqual(
        grouped(list).map((g) => [g.interviewer, g.n, g.links]),
      );
    }
  });

  it("without peers there is nothing to compare with", () => {
    const [alone] = measureShare("amends_after_panel", tallyRecords(records("alone", 6, 8)));
    expect(alone.withheld).toMatch(/of peers to compare with, has 0/);
    expect(alone.flagged).toBe(false);
  });
});

describe("measureRedFlagUse", () => {
  const cards = (n: number, mine: number, theirs: number, prefix: string) =>
    Array.from({ length: n }, (_, k) => [
      { candidate: `${prefix}${k}`, interviewer: "me", redFlags: mine + (k % 2) },
      { candidate: `${prefix}${k}`, interviewer: "a", redFlags: theirs },
      { candidate: `${prefix}${k}`, interviewer: "b", redFlags: theirs + (k % 3 === 0 ? 1 : 0) },
    ]).flat();

  it("over-use against co-panellists on the same candidates, with a t interval and the candidates that show it", () => {
    const me = measureRedFlagUse(cards(8, 2, 0, "c")).find((m) => m.interviewer === "me")!;
    expect(me).toMatchObject({ effect: "red_flags_over", flagged: true, interval: "t", evidence: 8 });
    expect(me.ciLow!).toBeGreaterThan(1);
    expect(me.links).toHaveLength(3);
  });

  it("under-use is the same figure with the other sign; four shared candidates are too few", () => {
    const under = measureRedFlagUse(cards(8, 0, 2, "c")).find((m) => m.interviewer === "me")!;
    expect(under.effect).toBe("red_flags_under");
    expect(under.flagged).toBe(true);
    const thin = measureRedFlagUse(cards(4, 3, 0, "c")).find((m) => m.interviewer === "me")!;
    expect(thin.flagged).toBe(false);
    expect(thin.withheld).toBe("needs 5 shared candidates, has 4");
  });

  it("a scorecard alone on its candidate is no comparison", () => {
    const [me] = measureRedFlagUse([{ candidate: "x", interviewer: "me", redFlags: 3 }]);
    expect(me.evidence).toBe(0);
    expect(me.flagged).toBe(false);
  });
});

describe("measurePracticeDistance", () => {
  const cell = (interviewer: string, exemplar: string, dimension: string, score: number, key = 3): PracticeCell => ({
    interviewer,
    exemplar,
    interviewId: exemplar === "e1" ? 1 : 2,
    label: `Practice ${exemplar}`,
    dimension,
    score,
    key,
  });
  const dims = ["a", "b", "c", "d"];
  const peers = ["p1", "p2", "p3"].flatMap((p, k) =>
    ["e1", "e2"].flatMap((e) => dims.map((d, j) => cell(p, e, d, (j + k) % 4 === 0 ? 2 : 3))),
  );

  it("flags an interviewer further from the key than peers on the same exemplar and dimension", () => {
    const me = measurePracticeDistance([
      ...peers,
      ...["e1", "e2"].flatMap((e) => dims.map((d) => cell("me", e, d, 1))),
    ]);
    const mine = me.find((m) => m.interviewer === "me")!;
    expect(mine).toMatchObject({ flagged: true, evidence: 8 });
    expect(mine.size!).toBeGreaterThan(1.5);
    expect(mine.links.map((l) => l.interviewId).sort()).toEqual([1, 2]);
    expect(me.filter((m) => m.interviewer !== "me").every((m) => !m.flagged)).toBe(true);
  });

  it("one exemplar (four ratings) is too little", () => {
    const mine = measurePracticeDistance([...peers, ...dims.map((d) => cell("me", "e1", d, 1))]).find(
      (m) => m.interviewer === "me",
    )!;
    expect(mine.flagged).toBe(false);
    expect(mine.withheld).toBe("needs 8 practice ratings with peers on the same exemplar, has 4");
  });
});

describe("ranking across effect types", () => {
  it("ranks loop and rater effects together by relative size × certainty, and lists only flagged ones", () => {
    const peers = ["p1", "p2", "p3", "p4"].flatMap((p) => records(p, 1, 20));
    const loop = [
      ...measureShare("amends_after_panel", tallyRecords([...records("amy", 6, 8), ...peers])),
      ...measureShare("amends_after_panel", tallyRecords([...records("tim", 2, 2)])),
    ];
    const names = { amy: "Amy", tim: "Tim", jo: "Jo" };
    const rater = raterActions(
      [
        {
          interviewer: "jo",
          name: "Jo",
          rater: {
            sharedCandidates: 20,
            effect: 0.3,
            se: 0.1,
            ciLow: 0.1,
            ciHigh: 0.5,
            spreadRatio: null,
            rangeRatio: null,
            spreadDifference: null,
            rangeDifference: null,
            misfitRatio: null,
            misfitDifference: null,
            p: { leniency: 0.003, halo: null, central: null, erratic: null },
            flags: ["lenient"],
            withheld: null,
          },
        },
      ],
      { min: 1, max: 4 },
    );
    const ranked = rankActions([...rater, ...loopActions(loop, names)]);
    expect(ranked.map((a) => `${a.name} ${a.effect}`)).toEqual(["Amy amends_after_panel", "Jo lenient"]);
    const amy = ranked[0];
    expect(amy.relativeSize).toBeCloseTo((6 / 8 - 4 / 80) / LOOP_RULES.amends_after_panel.threshold);
    expect(amy.priority).toBeCloseTo(amy.relativeSize * amy.certainty);
  });
});
