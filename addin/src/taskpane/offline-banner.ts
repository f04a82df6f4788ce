import { formatBangkokDateTime } from "@smartcity/shared";
import type { Offline } from "../offline/connection-state";
import type { PaneLanguage } from "./texts";

/**
 * The banner that says the formulas are computed offline: since when (Bangkok time, the Buddhist
 * Era in Thai), with which version, and that this ends by itself. Nothing pretends to be fresh:
 * the pane says so as plainly as VERSION() does. Hidden while the service answers.
 */
const BANNER_TEXTS = {
  en: {
    since: (when: string) => `Offline since ${when}.`,
    computing: (version: string) =>
      `The formulas are computed on this computer with ruleset version ${version}, kept from the service: the results are the ones the service gives for that version.`,
    pinned: (version: string) => `This workbook's formulas use its pinned version ${version}.`,
    pinnedNotKept: (version: string) =>
      `This workbook is pinned to version ${version}, which is not kept on this computer: its formulas have no values until the service answers.`,
    nothingKept:
      "No ruleset version is kept on this computer yet, so the formulas have no values until the service answers.",
    returns: "When the service answers again, the formulas return to it by themselves.",
  },
  th: {
    since: (when: string) => `ออฟไลน์ตั้งแต่ ${when}`,
    computing: (version: string) =>
      `สูตรคำนวณในเครื่องนี้ด้วยชุดเกณฑ์ฉบับที่ ${version} ที่เก็บไว้จากบริการ ได้ผลเดียวกับที่บริการให้สำหรับฉบับนั้น`,
    pinned: (version: string) => `สูตรในสมุดงานนี้ใช้ฉบับที่ ${version} ที่ตรึงไว้`,
    pinnedNotKept: (version: string) =>
      `สมุดงานนี้ตรึงไว้กับฉบับที่ ${version} ซึ่งไม่ได้เก็บไว้ในเครื่องนี้ สูตรจึงยังไม่มีค่าจนกว่าบริการจะตอบ`,
    nothingKept: "เครื่องนี้ยังไม่ได้เก็บชุดเกณฑ์ฉบับใดไว้ สูตรจึงยังไม่มีค่าจนกว่าบริการจะตอบ",
    returns: "เมื่อบริการตอบอีกครั้ง สูตรจะกลับไปใช้บริการเอง",
  },
} satisfies Record<PaneLanguage, unknown>;

export interface OfflineFacts {
  offline: Offline | undefined;
  /** The version unpinned formulas compute with offline, when one is kept. */
  inUse?: string;
  /** The workbook's pinned version, if it has one, and whether it is held here (kept or known). */
  pinned?: { version: string; held: boolean };
}

export function renderOfflineBanner(
  banner: HTMLElement,
  facts: OfflineFacts,
  language: PaneLanguage
): void {
  banner.hidden = facts.offline === undefined;
  if (facts.offline === undefined) {
    banner.replaceChildren();
    return;
  }
  const text = BANNER_TEXTS[language];
  const when = formatBangkokDateTime(new Date(facts.offline.since))[language];
  const lines = [text.since(when)];
  if (facts.pinned !== undefined)
    lines.push(
      facts.pinned.held
        ? text.pinned(facts.pinned.version)
        : text.pinnedNotKept(facts.pinned.version)
    );
  if (facts.inUse !== undefined) lines.push(text.computing(facts.inUse));
  else if (facts.pinned === undefined) lines.push(text.nothingKept);
  lines.push(text.returns);
  const [first, ...rest] = lines;
  const heading = document.createElement("strong");
  heading.textContent = first;
  banner.replaceChildren(heading, ...rest.map((line) => ` ${line}`));
}
