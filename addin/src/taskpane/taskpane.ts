import { HealthResponseSchema, type Ruleset } from "@smartcity/shared";
import { type EntraSignInConfig, entraSignIn } from "../auth/entra-sign-in";
import { asServiceError } from "../client/ruleset-source";
import { insertEvaluationSheet } from "../office/evaluation-sheet";
import { displayLanguage, officeHost } from "../office/host";
import { writePin } from "../office/workbook-pin";
import {
  api,
  getServiceUrl,
  getSession,
  rulesets,
  setServiceUrl,
  setSession,
  workbookPin,
} from "../runtime";
import { renderAdminPane, resetAdminPane, wireAdminPane } from "./admin-pane";
import { renderProposalsPane, resetProposalsPane } from "./proposals-pane";
import { renderSecretaryPane, resetSecretaryPane, wireSecretaryPane } from "./secretary-pane";
import { FUNCTION_HELP, type PaneLanguage, TEXTS } from "./texts";

/**
 * The evaluator's pane: service, sign-in, the ruleset in force, and the
 * workbook's pin and evaluation sheet; secretaries also consolidate the
 * evaluators' workbooks (secretary-pane.ts), admins publish rulesets
 * (admin-pane.ts). It works in a plain browser too (everything but the
 * workbook tools). All Office calls are in ../office.
 */
// Set in start(), once Office has initialised: Office.context is not usable before (initialize-add-in.md).
let language: PaneLanguage = "en";
let inExcel = false;
let authMode: "dev" | "entra" | undefined;
let entraConfig: EntraSignInConfig | undefined;
let inForce: Ruleset | undefined;

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
const t = () => TEXTS[language];

async function start(): Promise<void> {
  inExcel = (await officeHost()) === "Excel";
  language = (await displayLanguage()).toLowerCase().startsWith("th") ? "th" : "en";
  $("language").addEventListener("click", () => {
    language = language === "th" ? "en" : "th";
    render();
  });
  $("service-save").addEventListener("click", () => {
    setServiceUrl($<HTMLInputElement>("service-url").value);
    void refresh();
  });
  $("sign-in").addEventListener("click", () => void devSignIn());
  $("entra-sign-in").addEventListener("click", () => void signInWithMicrosoft());
  $("sign-out").addEventListener("click", () => {
    setSession(undefined);
    void refresh();
  });
  $("pin").addEventListener("click", () => void pinToInForce());
  $("insert-sheet").addEventListener("click", () => void insertSheet());
  wireAdminPane(t, refresh);
  wireSecretaryPane();
  $<HTMLInputElement>("service-url").value = getServiceUrl();
  render();
  await refresh();
}

async function refresh(): Promise<void> {
  resetAdminPane();
  resetProposalsPane();
  resetSecretaryPane();
  await checkService();
  inForce = undefined;
  if (getSession()) {
    try {
      inForce = await rulesets.inForce();
      $("ruleset").dataset.error = "";
    } catch (error) {
      $("ruleset").dataset.error = asServiceError(error).message;
    }
  }
  render();
}

async function checkService(): Promise<void> {
  const status = $("service-status");
  try {
    const response = await api.request("/api/health", { anonymous: true });
    const health = HealthResponseSchema.parse(response.body);
    authMode = health.authMode;
    entraConfig = health.signIn;
    status.dataset.state = "ok";
    status.dataset.detail = "";
  } catch (error) {
    authMode = undefined;
    status.dataset.state = "down";
    status.dataset.detail = asServiceError(error).message;
  }
}

async function devSignIn(): Promise<void> {
  const role = $<HTMLSelectElement>("role").value;
  const person = $<HTMLInputElement>("dev-name").value.trim();
  try {
    const response = await api.request("/api/dev/sign-in", {
      body: { role, ...(person ? { name: person } : {}) },
      anonymous: true,
    });
    const { token, name } = response.body as { token: string; name: string };
    setSession({ token, role, name });
  } catch (error) {
    $("sign-in-state").textContent = asServiceError(error).message;
    return;
  }
  await refresh();
}

async function signInWithMicrosoft(): Promise<void> {
  if (!entraConfig) return;
  try {
    setSession(await entraSignIn(entraConfig));
  } catch (error) {
    $("sign-in-state").textContent = String((error as Error).message ?? error);
    return;
  }
  await refresh();
}

async function pinToInForce(): Promise<void> {
  if (!inForce) return;
  try {
    await writePin(inForce.version);
  } catch (error) {
    $("workbook-message").textContent = String((error as Error).message);
  }
  render();
}

async function insertSheet(): Promise<void> {
  const message = $("workbook-message");
  try {
    const ruleset = await rulesets.resolve(workbookPin());
    message.textContent = `${t().inserted}: ${await insertEvaluationSheet(ruleset)}`;
  } catch (error) {
    message.textContent = asServiceError(error).message;
  }
}

function render(): void {
  const text = t();
  document.documentElement.lang = language;
  $("language").textContent = text.switchLanguage;
  $("title").textContent = text.title;
  const host = $("host");
  host.hidden = inExcel;
  host.textContent = text.outsideExcel;
  for (const [id, key] of [
    ["service-heading", "service"],
    ["service-url-label", "serviceUrl"],
    ["service-save", "save"],
    ["sign-in-heading", "signIn"],
    ["role-label", "role"],
    ["dev-name-label", "personName"],
    ["sign-in", "signInButton"],
    ["sign-out", "signOut"],
    ["ruleset-heading", "ruleset"],
    ["workbook-heading", "workbook"],
    ["insert-sheet", "insertSheet"],
    ["help-heading", "help"],
  ] as const) {
    $(id).textContent = text[key];
  }

  const status = $("service-status");
  status.className = status.dataset.state === "ok" ? "ok" : "error";
  status.textContent =
    status.dataset.state === "ok"
      ? text.serviceOk
      : `${text.serviceDown}: ${status.dataset.detail ?? ""}`;

  const session = getSession();
  $("sign-in-state").textContent = session
    ? `${text.signedInAs} ${session.name} (${session.role})`
    : authMode === "entra"
      ? text.entraNotice
      : text.notSignedIn;
  $("dev-sign-in").hidden = Boolean(session) || authMode !== "dev";
  $("sign-out").hidden = !session;
  const entra = $("entra-sign-in");
  entra.hidden = Boolean(session) || authMode !== "entra" || entraConfig === undefined;
  entra.textContent = text.entraSignIn;

  renderRuleset();
  const pin = workbookPin();
  $("pin-state").textContent = pin ? `${text.pinnedTo} ${pin}` : text.notPinned;
  const pinButton = $("pin");
  pinButton.hidden = !inExcel || !inForce || pin === inForce.version;
  if (inForce) pinButton.textContent = `${pin ? text.moveTo : text.pinTo} ${inForce.version}`;
  $("insert-sheet").hidden = !inExcel || !session;
  const roles = session?.role.split(", ") ?? [];
  renderSecretaryPane(roles.includes("Secretary") || roles.includes("Admin"), language, inExcel);
  void renderAdminPane(roles.includes("Admin"), text, language, inExcel);
  void renderProposalsPane(roles.includes("Admin"), language, refresh);

  $("help").replaceChildren(
    ...FUNCTION_HELP.map((entry) => {
      const row = document.createElement("tr");
      for (const cell of [entry.name, entry[language]]) {
        const td = document.createElement("td");
        td.textContent = cell;
        row.append(td);
      }
      return row;
    })
  );
}

function renderRuleset(): void {
  const text = t();
  const box = $("ruleset");
  if (!inForce) {
    box.textContent = box.dataset.error || (getSession() ? "…" : text.notSignedIn);
    return;
  }
  const { rules } = inForce;
  const rows: [string, string][] = [
    [text.version, inForce.version],
    [text.approval, `${inForce.approval.reference} (${inForce.approval.date})`],
    [text.effectiveFrom, inForce.effectiveFrom],
    [text.overall, `≥ ${rules.overallMinPercent}%`],
    [text.dimensionBar, `≥ ${rules.dimensionMinPercent}%`],
    [text.minDimensions, String(rules.minDimensions)],
    ...rules.dimensions.map((dimension): [string, string] => [
      dimension.name[language],
      `${dimension.minPercent !== undefined ? `≥ ${dimension.minPercent}%` : ""}${dimension.mandatory ? ` (${text.mandatory})` : ""}`,
    ]),
  ];
  const table = document.createElement("table");
  table.id = "ruleset-table";
  for (const [label, value] of rows) {
    const row = table.insertRow();
    row.insertCell().textContent = label;
    row.insertCell().textContent = value;
  }
  box.replaceChildren(table);
}

void start();
