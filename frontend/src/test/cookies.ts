// The oracle's session is an HttpOnly cookie, which the browser keeps for the page and sends back
// with `credentials: "include"`. jsdom gives the page no fetch and Node's keeps no cookies, so a
// test that signs in installs this: the page's fetch, keeping the cookies one origin sets.
/** Keeps the cookies `origin` sets and sends them back to it; returns the uninstall. */
export function keepCookies(origin: string): () => void {
  const pageFetch = globalThis.fetch;
  const jar = new Map<string, string>();
  globalThis.fetch = async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== origin || init.credentials === "omit") return pageFetch(input, init);
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set("cookie", Array.from(jar, ([name, value]) => `${name}=${value}`).join("; "));
    const response = await pageFetch(input, { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(";");
      const at = pair.indexOf("=");
      const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      const expired = value === "" || attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  return () => {
    globalThis.fetch = pageFetch;
  };
}
