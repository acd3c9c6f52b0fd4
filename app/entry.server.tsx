import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { createRenderTurns, RenderTurnsProvider } from "~/components/render-in-parts";
import { NonceProvider } from "~/utils/nonce-provider";

const ABORT_DELAY = 5_000;

// The app never streams deferred data, so the whole document is sent once it is ready (also when
// parts of it were rendered on later turns of the event loop: they are sent inline, in place).
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  return new Promise<Response>((resolve, reject) => {
    let status = responseStatusCode;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce ?? ""}>
        {/* Large pages render in parts, a turn of the event loop apart (render-in-parts.tsx). */}
        <RenderTurnsProvider value={createRenderTurns(setImmediate)}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
        </RenderTurnsProvider>
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status }));
          pipe(body);
        },
        onShellError: reject,
        onError(error: unknown) {
          status = 500;
          console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

// The scorecard's autosave, answered by the HTTP front without Remix's routing (app/server/autosave-front.ts).
export { answerAutosave } from "~/utils/scorecard-autosave.server";
