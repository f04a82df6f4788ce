/* global Office */
import type { Session } from "../runtime";

/**
 * Signing in with Microsoft Entra ID in production. Where the Office host supports nested app
 * authentication (requirement set NestedAppAuth 1.1), MSAL.js gets a token for the scoring
 * service through the host's own sign-in (single sign-on), silently if it can, else in a popup.
 * Elsewhere the Office dialog API opens auth-dialog.html, which signs in with MSAL's redirect
 * flow in the dialog and sends the token back with messageParent — Microsoft's documented
 * fallback ("Enable single sign-on in an Office Add-in with nested app authentication").
 */
export interface EntraSignInConfig {
  clientId: string;
  authority: string;
  scope: string;
}

export type SignInRoute = "nested" | "dialog" | "unavailable";

/** Which way sign-in can go in this host. */
export function signInRoute(): SignInRoute {
  if (typeof Office === "undefined" || !Office.context) return "unavailable";
  if (Office.context.requirements?.isSetSupported("NestedAppAuth", "1.1")) return "nested";
  if (typeof Office.context.ui?.displayDialogAsync === "function") return "dialog";
  return "unavailable";
}

export async function entraSignIn(config: EntraSignInConfig): Promise<Session> {
  const route = signInRoute();
  if (route === "nested") return nestedSignIn(config);
  if (route === "dialog") return dialogSignIn(config);
  throw new Error(
    "Sign-in with Microsoft needs Excel: open the pane from the Smart City button in Excel"
  );
}

async function nestedSignIn(config: EntraSignInConfig): Promise<Session> {
  // Loaded on demand: dev sign-in and the custom functions never need MSAL.
  const { createNestablePublicClientApplication } = await import("@azure/msal-browser");
  const msal = await createNestablePublicClientApplication({
    auth: { clientId: config.clientId, authority: config.authority },
  });
  const request = { scopes: [config.scope] };
  let result;
  try {
    result = await msal.acquireTokenSilent(request);
  } catch {
    result = await msal.acquireTokenPopup(request);
  }
  return sessionFromToken(result.accessToken, result.account?.name);
}

function dialogSignIn(config: EntraSignInConfig): Promise<Session> {
  const url = new URL("auth-dialog.html", window.location.href);
  url.search = new URLSearchParams({
    clientId: config.clientId,
    authority: config.authority,
    scope: config.scope,
  }).toString();
  return new Promise((resolve, reject) => {
    Office.context.ui.displayDialogAsync(url.toString(), { height: 60, width: 30 }, (opened) => {
      if (opened.status !== Office.AsyncResultStatus.Succeeded) {
        reject(new Error(`The sign-in window could not open: ${opened.error.message}`));
        return;
      }
      const dialog = opened.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (event) => {
        dialog.close();
        const message = JSON.parse((event as { message: string }).message) as {
          token?: string;
          name?: string;
          error?: string;
        };
        if (message.token) resolve(sessionFromToken(message.token, message.name));
        else reject(new Error(message.error ?? "Sign-in did not complete"));
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () =>
        reject(new Error("The sign-in window was closed"))
      );
    });
  });
}

/** The session for a token: the roles and name are read from its claims (it is verified by the service, not here). */
export function sessionFromToken(token: string, name?: string): Session {
  const payload = JSON.parse(base64UrlDecode(token.split(".")[1] ?? "")) as {
    roles?: string[];
    name?: string;
    preferred_username?: string;
    exp?: number;
  };
  return {
    token,
    role: (payload.roles ?? []).join(", ") || "no role",
    name: name ?? payload.name ?? payload.preferred_username ?? "signed in",
    expiresAt: typeof payload.exp === "number" ? payload.exp * 1000 : undefined,
  };
}

function base64UrlDecode(text: string): string {
  const base64 = text
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(text.length / 4) * 4, "=");
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
