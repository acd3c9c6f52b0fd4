// The scorecard's offline helper (issue #15): after one visit, a reload without network opens the
// scorecard from a cached copy, and the page restores its local draft on top (localStorage). It is
// deliberately small: hashed build assets are cached on first use; scorecard pages are fetched
// network-first and their latest copy kept; everything else goes to the network untouched.
// Data requests (?_data=) and form posts are never answered from a cache: an offline save must fail
// so the page keeps it on the device and says so.

const ASSETS = "panel-scorecard-assets-v1";
const PAGES = "panel-scorecard-pages-v1";
const SCORECARD_PAGE = /^\/interviews\/\d+\/scorecard\/?$/;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== ASSETS && k !== PAGES).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The page names today's scorecards (from the interview list) so they open offline even unvisited.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "cache-scorecards" && Array.isArray(data.urls)) {
    event.waitUntil(
      caches.open(PAGES).then((cache) =>
        Promise.all(
          data.urls
            .filter((u) => SCORECARD_PAGE.test(new URL(u, self.location.origin).pathname))
            .map((u) => fetch(u, { credentials: "same-origin" }).then((res) => (res.ok ? cache.put(u, res) : undefined)).catch(() => undefined)),
        ),
      ),
    );
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Signing out forgets every cached page: they hold that person's scorecards.
  if (request.method === "POST" && url.pathname === "/logout") {
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (request.method !== "GET") return;

  if (url.pathname.startsWith("/build/")) {
    event.respondWith(
      caches.open(ASSETS).then((cache) =>
        cache.match(request).then(
          (hit) =>
            hit ||
            fetch(request).then((res) => {
              if (res.ok) cache.put(request, res.clone());
              return res;
            }),
        ),
      ),
    );
    return;
  }

  if (request.mode === "navigate" && SCORECARD_PAGE.test(url.pathname) && !url.searchParams.has("_data")) {
    event.respondWith(
      fetch(request)
        .then((res) => {
          if (res.ok && !res.redirected) {
            const copy = res.clone();
            caches.open(PAGES).then((cache) => cache.put(url.pathname, copy));
          }
          return res;
        })
        .catch(() => caches.open(PAGES).then((cache) => cache.match(url.pathname)).then((hit) => hit || Response.error())),
    );
  }
});
