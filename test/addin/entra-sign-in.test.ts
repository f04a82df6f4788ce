import { afterEach, describe, expect, test } from "@jest/globals";
import { entraSignIn, sessionFromToken, signInRoute } from "../../addin/src/auth/entra-sign-in";

/**
 * The production sign-in's choices, with an Office stand-in shaped as Microsoft documents it:
 * `Office.context.requirements.isSetSupported("NestedAppAuth", "1.1")` tells whether nested app
 * authentication is there; otherwise `Office.context.ui.displayDialogAsync(url, options, callback)`
 * opens the fallback dialog, whose page answers with `messageParent`, delivered to the pane as a
 * `DialogMessageReceived` event. The MSAL/Entra round trip itself needs a tenant and cannot run here.
 */
const globals = globalThis as Record<string, unknown>;
afterEach(() => {
  delete globals.Office;
  delete globals.window;
});

function token(claims: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256" })}.${part(claims)}.sig`;
}

function officeStandIn(options: { nested: boolean; dialogMessage?: string; opens?: boolean }) {
  const opened: string[] = [];
  globals.window = { location: { href: "https://localhost:3000/taskpane.html" } };
  globals.Office = {
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: {
      DialogMessageReceived: "dialogMessageReceived",
      DialogEventReceived: "dialogEventReceived",
    },
    context: {
      requirements: {
        isSetSupported: (name: string, version: string) =>
          options.nested && name === "NestedAppAuth" && version === "1.1",
      },
      ui: {
        displayDialogAsync: (
          url: string,
          _options: unknown,
          callback: (result: unknown) => void
        ) => {
          opened.push(url);
          if (options.opens === false) {
            callback({ status: "failed", error: { message: "A dialog is already open" } });
            return;
          }
          const handlers: Record<string, (event: unknown) => void> = {};
          callback({
            status: "succeeded",
            value: {
              addEventHandler: (type: string, handler: (event: unknown) => void) =>
                (handlers[type] = handler),
              close: () => undefined,
            },
          });
          setTimeout(() => handlers.dialogMessageReceived?.({ message: options.dialogMessage }), 5);
        },
      },
    },
  };
  return opened;
}

const config = {
  clientId: "client-1",
  authority: "https://login.microsoftonline.com/tid",
  scope: "api://smartcity/access_as_user",
};

describe("which way sign-in goes", () => {
  test("nested app authentication where the host supports NestedAppAuth 1.1", () => {
    officeStandIn({ nested: true });
    expect(signInRoute()).toBe("nested");
  });

  test("the Office dialog where it does not", () => {
    officeStandIn({ nested: false });
    expect(signInRoute()).toBe("dialog");
  });

  test("neither outside Office, with a message that says where to go", async () => {
    expect(signInRoute()).toBe("unavailable");
    await expect(entraSignIn(config)).rejects.toThrow("Sign-in with Microsoft needs Excel");
  });
});

describe("the dialog fallback", () => {
  test("opens auth-dialog.html with the sign-in settings and takes the token it sends back", async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const opened = officeStandIn({
      nested: false,
      dialogMessage: JSON.stringify({
        token: token({ roles: ["Evaluator"], name: "Somchai", exp }),
        name: "Somchai J.",
      }),
    });
    const session = await entraSignIn(config);
    expect(session).toMatchObject({ role: "Evaluator", name: "Somchai J.", expiresAt: exp * 1000 });
    const url = new URL(opened[0]);
    expect(url.pathname).toBe("/auth-dialog.html");
    expect(Object.fromEntries(url.searchParams)).toEqual(config);
  });

  test("an error from the dialog, or a dialog that cannot open, is reported", async () => {
    officeStandIn({
      nested: false,
      dialogMessage: JSON.stringify({ error: "AADSTS50105: not assigned to a role" }),
    });
    await expect(entraSignIn(config)).rejects.toThrow("AADSTS50105: not assigned to a role");
    officeStandIn({ nested: false, opens: false });
    await expect(entraSignIn(config)).rejects.toThrow(
      "The sign-in window could not open: A dialog is already open"
    );
  });
});

test("a session reads roles, name and expiry from the token's claims (Thai names too)", () => {
  expect(
    sessionFromToken(
      token({ roles: ["Secretary", "Admin"], name: "สมชาย ใจดี", exp: 2_000_000_000 })
    )
  ).toEqual({
    token: expect.any(String),
    role: "Secretary, Admin",
    name: "สมชาย ใจดี",
    expiresAt: 2_000_000_000_000,
  });
});
