/* global Office */
import { createStandardPublicClientApplication } from "@azure/msal-browser";

/**
 * The Office dialog's page for hosts without nested app authentication: MSAL's redirect flow
 * runs here (the dialog is a full browser window), and the token goes back to the pane with
 * Office.context.ui.messageParent.
 */
async function run(): Promise<void> {
  await Office.onReady();
  const params = new URLSearchParams(window.location.search);
  const clientId = params.get("clientId") ?? "";
  const authority = params.get("authority") ?? "";
  const scope = params.get("scope") ?? "";
  const send = (message: object): void => Office.context.ui.messageParent(JSON.stringify(message));
  try {
    const msal = await createStandardPublicClientApplication({
      auth: { clientId, authority, redirectUri: window.location.origin + window.location.pathname },
      cache: { cacheLocation: "localStorage" },
    });
    const redirected = await msal.handleRedirectPromise();
    if (redirected) {
      send({ token: redirected.accessToken, name: redirected.account?.name });
      return;
    }
    // Keep the query (client id, authority, scope) across the round trip to the sign-in page.
    sessionStorage.setItem("smartcity.dialogQuery", window.location.search);
    await msal.loginRedirect({ scopes: [scope], redirectStartPage: window.location.href });
  } catch (error) {
    send({ error: String((error as Error).message ?? error) });
  }
}

void run();
