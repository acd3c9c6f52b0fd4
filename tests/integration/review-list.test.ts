// Calibration reviews: the list of reviews, its search and its states.
import { beforeAll, describe, expect, it } from "vitest";
import { lead, useReviewPeople, list, postReview, splitInterview, openFor, versionOf } from "../support/reviews";

useReviewPeople();

describe("the review list", () => {
  let withPercent: number;
  let withUnderscore: number;
  let decoy: number;
  beforeAll(async () => {
    const save = async (
      candidate: string,
      outcome: { agreedReading?: string; notes?: string; followUps?: string },
      close = false,
    ) => {
      const id = await openFor((await splitInterview(candidate)).id);
      const res = await postReview(lead, id, {
        intent: close ? "close" : "save",
        agreedReading: "",
        notes: "",
        followUps: "",
        ...outcome,
        version: await versionOf(id),
      });
      expect(res.status).toBe(302);
      return id;
    };
    withPercent = await save(
      "Vera Percent",
      { agreedReading: "Agreed: yes", notes: "Panel was 100% aligned after the replay" },
      true,
    );
    withUnderscore = await save("Wim Underscore", { notes: "Tagged snake_case in the notes" });
    decoy = await save("Xia Decoy", {
      notes: "Panel was 1000 ways apart; made cases for both readings",
      followUps: "Pair Casey with Jordan",
    });
  });

  const ids = async (search: string) => {
    const res = await list(lead, search);
    expect(res.status).toBe(200);
    return ((await res.json()).reviews as { id: number }[]).map((r) => r.id);
  };

  it("finds a review by its notes, agreed reading, follow-ups and candidate name", async () => {
    expect(await ids("?q=replay")).toEqual([withPercent]);
    expect(await ids("?q=SNAKE")).toEqual([withUnderscore]);
    expect(await ids("?q=pair%20casey")).toEqual([decoy]);
    expect(await ids("?q=Agreed%3A%20yes")).toEqual([withPercent]);
    expect(await ids("?q=Wim%20Under")).toEqual([withUnderscore]);
  });

  it("treats % and _ in the search as themselves, not as wildcards", async () => {
    // Unescaped, "0%" would match any text with a 0 (the decoy's "1000") and "e_c" any "e?c" ("made cases").
    expect(await ids("?q=0%25")).toEqual([withPercent]);
    expect(await ids("?q=e_c")).toEqual([withUnderscore]);
    expect(await ids("?q=%25")).toEqual([withPercent]);
    expect(await ids("?q=%5C")).toEqual([]);
  });

  it("filters by status, lists newest first, with opener and an excerpt of the agreed reading", async () => {
    const closed = await ids("?status=closed");
    expect(closed).toContain(withPercent);
    expect(closed).not.toContain(decoy);
    const open = await ids("?status=open");
    expect(open).toContain(decoy);
    expect(open).not.toContain(withPercent);
    const all = (await (await list(lead)).json()).reviews as {
      id: number;
      candidateName: string;
      openedByName: string;
      status: string;
      agreedReadingExcerpt: string;
    }[];
    expect(all.map((r) => r.id).slice(0, 3)).toEqual([decoy, withUnderscore, withPercent]);
    expect(all.find((r) => r.id === withPercent)).toMatchObject({
      candidateName: "Vera Percent",
      openedByName: "Lena Lead",
      status: "closed",
      agreedReadingExcerpt: "Agreed: yes",
    });
  });

  it("answers a bad status or an overlong search with 400 and the field's error", async () => {
    const res = await list(lead, "?status=pending");
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toEqual({ status: "Choose open, closed or all" });
    expect(body.reviews).toEqual([]);
    const long = await list(lead, `?q=${"x".repeat(201)}`);
    expect(long.status).toBe(400);
    expect((await long.json()).errors).toEqual({ q: "At most 200 characters" });
  });
});
