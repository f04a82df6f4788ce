import { getChosenTab, setChosenTab } from "../runtime";
import { TAB_TEXTS } from "./tab-texts";
import type { PaneLanguage } from "./texts";

/**
 * The pane's three tabs, one per role: Evaluate (every signed-in person), Consolidate
 * (secretaries and admins) and Rulesets (admins). The tab list is Fluent UI's
 * `fluent-tablist`, which follows the WAI-ARIA tabs pattern (arrow keys, Home and End move
 * between tabs and select them; Tab goes on into the panel); each panel is named by its tab,
 * so a screen reader reads both in the pane's language. The tab chosen last is remembered
 * like the language. Service and sign-in stay above the tabs, reachable from every one.
 */
export const TABS = ["evaluate", "consolidate", "rulesets"] as const;
export type PaneTab = (typeof TABS)[number];

const tabId = (tab: PaneTab) => `tab-${tab}`;
const panelId = (tab: PaneTab) => `panel-${tab}`;
const tabList = () => document.getElementById("tabs") as HTMLElement & { activeid?: string };

/** The remembered tab, else Evaluate. */
export function chosenTab(): PaneTab {
  const stored = getChosenTab();
  return TABS.find((tab) => tab === stored) ?? "evaluate";
}

/** The tab a person lands on when they sign in: their role's own, the highest they hold. */
export function tabForRoles(roles: readonly string[]): PaneTab {
  if (roles.includes("Admin")) return "rulesets";
  if (roles.includes("Secretary")) return "consolidate";
  return "evaluate";
}

/**
 * Shows a tab and its panel. The tab list shows a panel too once it has found its tabs, but it
 * does so after the page's first paint: setting `hidden` here as well means no panel but the
 * chosen one is ever drawn.
 */
export function showTab(tab: PaneTab): void {
  for (const each of TABS) {
    const panel = document.getElementById(panelId(each));
    if (panel) panel.hidden = each !== tab;
    document.getElementById(tabId(each))?.setAttribute("aria-selected", String(each === tab));
  }
  const list = tabList();
  if (list.activeid !== tabId(tab)) list.activeid = tabId(tab);
}

/** Remembers the tab a person moves to, with the mouse or the keyboard. */
export function wireTabs(): void {
  tabList().addEventListener("change", () => {
    const tab = TABS.find((each) => tabId(each) === tabList().activeid);
    if (!tab) return;
    setChosenTab(tab);
    showTab(tab);
  });
  showTab(chosenTab());
}

/**
 * The tabs' and panels' words in the pane's language, and the sentence a panel shows instead of
 * its role's section when nobody of that role is signed in (never an empty panel).
 */
export function renderTabs(
  language: PaneLanguage,
  canConsolidate: boolean,
  canPublish: boolean
): void {
  const text = TAB_TEXTS[language];
  tabList().setAttribute("aria-label", text.tabList);
  for (const tab of TABS) {
    const element = document.getElementById(tabId(tab));
    if (!element) continue;
    element.textContent = text[tab];
    // Fluent's tab keeps room for its bold (selected) text from the words it had when it was
    // connected; after a language switch it must be told the new words.
    element.style.setProperty("--textContent", JSON.stringify(text[tab]));
  }
  const consolidateNote = document.getElementById("consolidate-needs-role");
  if (consolidateNote) {
    consolidateNote.textContent = text.consolidateNeedsRole;
    consolidateNote.hidden = canConsolidate;
  }
  const rulesetsNote = document.getElementById("rulesets-needs-role");
  if (rulesetsNote) {
    rulesetsNote.textContent = text.rulesetsNeedsRole;
    rulesetsNote.hidden = canPublish;
  }
  document.getElementById("connection")?.setAttribute("aria-label", text.connection);
}
