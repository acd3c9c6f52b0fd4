import { createContext, useContext } from "react";

// The per-request Content-Security-Policy nonce (made in app/server/http.ts), handed to the inline
// scripts Remix renders on the server. In the browser it is "": nonces matter only in the HTML sent.
const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
