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

const keep = (cacheName, urls, test) =>
  caches.open(cacheName).then((cache) =>
    Promise.all(
      urls
        .map((u) => new URL(u, self.location.origin))
        .filter((u) => u.origin === self.location.origin && test(u.pathname))
        .map((u) =>
          fetch(u.href, { credentials: "same-origin" })
            .then((res) => (res.ok && !res.redirected ? cache.put(u.pathname, res) : undefined))
            .catch(() => undefined),
        ),
    ),
  );

// The page names the scorecards to keep (the one open, today's from the interview list) and the
// build files it runs on: the first visit happened before this worker could see its requests.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "cache-scorecards") return;
  event.waitUntil(
    Promise.all([
      keep(PAGES, Array.isArray(data.urls) ? data.urls : [], (path) => SCORECARD_PAGE.test(path)),
      keep(ASSETS, Array.isArray(data.assets) ? data.assets : [], (path) => path.startsWith("/build/")),
    ]),
  );
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
        cache.match(url.pathname).then(
          (hit) =>
            hit ||
            fetch(request).then((res) => {
              if (res.ok) cache.put(url.pathname, res.clone());
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
        .catch(() =>
          caches
            .open(PAGES)
            .then((cache) => cache.match(url.pathname))
            .then((hit) => hit || Response.error()),
        ),
    );
  }
});
