// Which requests the HTTP front refuses as cross-site (app/server/cross-site.ts): a pure function of
// the method, the headers and the host, so no server is needed to test it.
import { describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "~/server/cross-site";

describe("isCrossSiteRequest", () => {
  const host = "scorecard.example:3000";
  const own = "http://scorecard.example:3000";

  it("never refuses GET, HEAD or OPTIONS", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(isCrossSiteRequest(method, { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, host)).toBe(
        false,
      );
    }
  });

  it("passes a state-changing request with neither Origin nor Sec-Fetch-Site (curl, no-JS clients)", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) expect(isCrossSiteRequest(method, {}, host)).toBe(false);
  });

  it("passes the request's own origin, whatever the case, default ports included", () => {
    expect(isCrossSiteRequest("POST", { origin: own, "sec-fetch-site": "same-origin" }, host)).toBe(false);
    expect(isCrossSiteRequest("POST", { origin: own }, "SCORECARD.example:3000")).toBe(false);
    expect(isCrossSiteRequest("POST", { origin: "https://scorecard.example" }, "scorecard.example:443")).toBe(false);
    expect(isCrossSiteRequest("POST", { origin: "https://scorecard.example" }, "scorecard.example")).toBe(false);
    // Scheme is not compared: behind a TLS proxy the page is https and the request arrives as http.
    expect(isCrossSiteRequest("POST", { origin: "https://scorecard.example:3000" }, host)).toBe(false);
    expect(isCrossSiteRequest("POST", { "sec-fetch-site": "none" }, host)).toBe(false);
  });

  it("refuses an Origin naming another host or port, an opaque or malformed one, or one with no Host to compare", () => {
    const refused = [
      "https://evil.example",
      "http://scorecard.example:3001",
      "http://scorecard.example",
      "http://scorecard.example.evil.example:3000",
      "null",
      "",
      "scorecard.example:3000",
      `${own}/path`,
      `${own}, https://evil.example`,
      "ftp://scorecard.example:3000",
    ];
    for (const origin of refused) expect(isCrossSiteRequest("POST", { origin }, host), origin).toBe(true);
    expect(isCrossSiteRequest("POST", { origin: own }, undefined)).toBe(true);
    expect(isCrossSiteRequest("POST", { origin: own }, "evil@scorecard.example:3000")).toBe(true);
  });

  it("refuses Sec-Fetch-Site cross-site always, and same-site unless the Origin is this host", () => {
    expect(isCrossSiteRequest("POST", { "sec-fetch-site": "cross-site" }, host)).toBe(true);
    expect(isCrossSiteRequest("POST", { "sec-fetch-site": "cross-site", origin: own }, host)).toBe(true);
    expect(isCrossSiteRequest("DELETE", { "sec-fetch-site": "Cross-Site" }, host)).toBe(true);
    expect(isCrossSiteRequest("POST", { "sec-fetch-site": "same-site" }, host)).toBe(true);
    expect(
      isCrossSiteRequest("POST", { "sec-fetch-site": "same-site", origin: "http://sub.scorecard.example:3000" }, host),
    ).toBe(true);
    expect(isCrossSiteRequest("POST", { "sec-fetch-site": "same-site", origin: own }, host)).toBe(false);
  });

  it("reads fetch Headers as well as Node's header object", () => {
    expect(isCrossSiteRequest("POST", new Headers({ Origin: "https://evil.example" }), host)).toBe(true);
    expect(isCrossSiteRequest("POST", new Headers({ Origin: own }), host)).toBe(false);
  });
});
