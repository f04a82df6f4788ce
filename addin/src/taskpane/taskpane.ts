import { type Role, ROLES, type Ruleset } from "@smartcity/shared";
import { type EntraSignInConfig, entraSignIn } from "../auth/entra-sign-in";
import { asServiceError, type ServiceError } from "../client/service-error";
import { insertEvaluationSheet } from "../office/evaluation-sheet";
import { displayLanguage, officeHost } from "../office/host";
import { writePin } from "../office/workbook-pin";
import {
  connection,
  getChosenLanguage,
  getServiceUrl,
  getSession,
  rulesets,
  service,
  setChosenLanguage,
  setServiceUrl,
  setSession,
  workbookPin,
} from "../runtime";
import { renderAdminPane, resetAdminPane, wireAdminPane } from "./admin/admin-pane";
import { renderProposalsPane, resetProposalsPane } from "./admin/proposals-pane";
import {
  renderSecretaryPane,
  resetSecretaryPane,
  wireSecretaryPane,
} from "./secretary/secretary-pane";
import { functionHelpRows } from "./evaluator/function-help";
import { renderHealth, wireHealth } from "./evaluator/health-view";
import { renderOfflineBanner } from "./offline-banner";
import { rulesetTables } from "./evaluator/ruleset-view";
import { useFluentTheme } from "./fluent";
import { renderTabs, showTab, tabForRoles, wireTabs } from "./role-tabs";
import { type PaneLanguage, personName, roleName, TEXTS } from "./texts";

/**
 * The pane's page: service and sign-in above one tab per role (./role-tabs): Evaluate, the
 * ruleset in force and the workbook's pin and evaluation sheet, which every role sees (./evaluator);
 * Consolidate, where secretaries consolidate the evaluators' workbooks (./secretary); Rulesets,
 * where admins publish rulesets (./admin). It works in a plain browser too (everything but the
 * workbook tools). All Office calls are in ../office.
 */
// Set in start(), once Office has initialised: Office.context is not usable before (initialize-add-in.md).
let language: PaneLanguage = "en";
let inExcel = false;
let authMode: "dev" | "entra" | undefined;
let entraConfig: EntraSignInConfig | undefined;
let inForce: Ruleset | undefined;
/** The last failures, kept as errors so a language switch shows them in the other language. */
let rulesetError: ServiceError | undefined;
let serviceError: ServiceError | undefined;
let signInError: ServiceError | undefined;
let workbookError: ServiceError | undefined;

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
const t = () => TEXTS[language];

async function start(): Promise<void> {
  useFluentTheme();
  wireTabs();
  inExcel = (await officeHost()) === "Excel";
  // A language chosen with the button outlasts a reload; until then, Office's display language.
  language =
    getChosenLanguage() ?? ((await displayLanguage()).toLowerCase().startsWith("th") ? "th" : "en");
  $("language").addEventListener("click", () => {
    language = language === "th" ? "en" : "th";
    setChosenLanguage(language);
    render();
  });
  $("service-save").addEventListener("click", () => {
    setServiceUrl($<HTMLInputElement>("service-url").value);
    $<HTMLInputElement>("service-url").value = getServiceUrl(); // as completed (http:// added)
    void refresh();
  });
  $("sign-in").addEventListener("click", () => void devSignIn());
  $("entra-sign-in").addEventListener("click", () => void signInWithMicrosoft());
  $("sign-out").addEventListener("click", () => {
    setSession(undefined);
    $<HTMLDetailsElement>("service-settings").open = true; // folded only while signed in
    void refresh();
  });
  $("pin").addEventListener("click", () => void pinToInForce());
  $("insert-sheet").addEventListener("click", () => void insertSheet());
  wireAdminPane(t, refresh);
  wireSecretaryPane();
  wireHealth();
  $<HTMLInputElement>("service-url").value = getServiceUrl();
  // The banner follows the functions' connection and the version they compute with.
  // Going offline or back also re-asks the service's status shown above the sign-in.
  let wasOffline = connection.isOffline();
  connection.subscribe(() => {
    renderBanner();
    if (wasOffline === connection.isOffline()) return;
    wasOffline = connection.isOffline();
    void checkService().then(render);
  });
  rulesets.subscribe(
    () => renderBanner(),
    () => undefined
  );
  render();
  await refresh();
  foldServiceSettings();
}

/**
 * Signed in to a service that answers, the service's address is folded under its heading: the
 * tabs below it then start higher in a narrow pane. Done once at start and after each sign-in,
 * never while the person is looking at it; render() opens it whenever the service fails.
 */
function foldServiceSettings(): void {
  if (getSession() && !serviceError) $<HTMLDetailsElement>("service-settings").open = false;
}

async function refresh(): Promise<void> {
  resetAdminPane();
  resetProposalsPane();
  resetSecretaryPane();
  await checkService();
  inForce = undefined;
  rulesetError = undefined;
  if (getSession()) {
    try {
      inForce = await rulesets.inForce();
    } catch (error) {
      rulesetError = asServiceError(error);
    }
  }
  render();
}

async function checkService(): Promise<void> {
  try {
    const health = await service.health();
    authMode = health.authMode;
    entraConfig = health.signIn;
    serviceError = undefined;
  } catch (error) {
    authMode = undefined;
    serviceError = asServiceError(error);
  }
}

async function devSignIn(): Promise<void> {
  const role = $<HTMLSelectElement>("role").value as Role;
  const person = $<HTMLInputElement>("dev-name").value.trim();
  try {
    const { token, name } = await service.devSignIn(role, person || undefined);
    signInError = undefined;
    setSession({ token, role, name });
    showTab(tabForRoles([role]));
  } catch (error) {
    signInError = asServiceError(error);
    render();
    return;
  }
  await refresh();
  foldServiceSettings();
}

async function signInWithMicrosoft(): Promise<void> {
  if (!entraConfig) return;
  try {
    const session = await entraSignIn(entraConfig);
    setSession(session);
    signInError = undefined;
    showTab(tabForRoles(session.role.split(", ")));
  } catch (error) {
    signInError = asServiceError(error);
    render();
    return;
  }
  await refresh();
  foldServiceSettings();
}

async function pinToInForce(): Promise<void> {
  if (!inForce) return;
  try {
    await writePin(inForce.version);
    workbookError = undefined;
  } catch (error) {
    workbookError = asServiceError(error);
  }
  render();
}

async function insertSheet(): Promise<void> {
  const message = $("workbook-message");
  try {
    const ruleset = await rulesets.resolve(workbookPin());
    message.textContent = `${t().inserted}: ${await insertEvaluationSheet(ruleset, language)}`;
  } catch (error) {
    workbookError = asServiceError(error);
    render();
  }
}

function renderBanner(): void {
  const offline = connection.current;
  const facts = { offline, inUse: rulesets.usedOffline?.version };
  const pin = workbookPin();
  if (offline === undefined || pin === undefined) {
    renderOfflineBanner($("offline-banner"), facts, language);
    return;
  }
  // Whether the pinned version is held here decides what its formulas show offline.
  void rulesets
    .withoutRequest(pin)
    .then((held) =>
      renderOfflineBanner(
        $("offline-banner"),
        { ...facts, pinned: { version: pin, held: held !== undefined } },
        language
      )
    );
}

function render(): void {
  renderBanner();
  const text = t();
  document.documentElement.lang = language;
  const switchLanguage = $("language");
  switchLanguage.textContent = text.switchLanguage;
  // The button names the other language in that language: marked so, it is read in it.
  switchLanguage.lang = language === "th" ? "en" : "th";
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

  if (serviceError) $<HTMLDetailsElement>("service-settings").open = true;
  const status = $("service-status");
  status.className = serviceError ? "error" : "ok";
  status.textContent = serviceError
    ? `${text.serviceDown}: ${serviceError.text[language]}`
    : text.serviceOk;

  const session = getSession();
  const roleSelect = $<HTMLSelectElement>("role");
  const chosenRole = roleSelect.value || "Evaluator";
  roleSelect.replaceChildren(...ROLES.map((role) => new Option(roleName(role, language), role)));
  roleSelect.value = chosenRole;
  const state = $("sign-in-state");
  state.className = signInError ? "error" : "";
  state.textContent = signInError
    ? signInError.text[language]
    : session
      ? `${text.signedInAs} ${personName(session.name, language)} (${session.role
          .split(", ")
          .map((role) => roleName(role, language))
          .join(", ")})`
      : authMode === "entra"
        ? text.entraNotice
        : text.notSignedIn;
  if (workbookError) $("workbook-message").textContent = workbookError.text[language];
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
  const canConsolidate = roles.includes("Secretary") || roles.includes("Admin");
  renderTabs(language, canConsolidate, roles.includes("Admin"));
  renderSecretaryPane(canConsolidate, language, inExcel);
  void renderAdminPane(roles.includes("Admin"), text, language, inExcel);
  void renderProposalsPane(roles.includes("Admin"), language, refresh);

  $("help").replaceChildren(...functionHelpRows(language));
  renderHealth(language, inExcel);
}

function renderRuleset(): void {
  const box = $("ruleset");
  if (!inForce) {
    box.className = rulesetError ? "error" : "";
    box.textContent = rulesetError
      ? rulesetError.text[language]
      : getSession()
        ? "…"
        : t().notSignedIn;
    return;
  }
  box.className = "";
  box.replaceChildren(...rulesetTables(inForce, t(), language));
}

void start();
