import type { Language } from "@smartcity/shared";

/**
 * What SMARTCITY.VERSION() shows: the version, and while the service cannot be reached, that the
 * functions compute offline with it ("3 · offline" / "3 · ออฟไลน์"). It always starts with the
 * version, so a formula that reads the number before " · " keeps working.
 */
export const OFFLINE_WORD: Record<Language, string> = { en: "offline", th: "ออฟไลน์" };

export function versionText(version: string, offline: boolean, language: Language): string {
  return offline ? `${version} · ${OFFLINE_WORD[language]}` : version;
}
