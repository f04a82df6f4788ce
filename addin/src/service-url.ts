/**
 * A service URL as a person types it in the pane: `127.0.0.1:7071` or
 * `localhost:7071/` become `http://127.0.0.1:7071`; another host without a
 * scheme gets https (a deployed service is https, and the pane itself is
 * served over https); trailing slashes go; blank is the build's default.
 */
export function normaliseServiceUrl(typed: string, fallback: string): string {
  const text = typed.trim().replace(/\/+$/, "");
  if (text === "") return fallback;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  const local = /^(localhost|127(\.\d+){3}|\[::1\])(:\d+)?(\/|$)/i.test(text);
  return `${local ? "http" : "https"}://${text}`;
}
