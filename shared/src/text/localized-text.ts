/** A text the committee publishes in both of its working languages. */
export interface LocalizedText {
  th: string;
  en: string;
}

export type Language = keyof LocalizedText;

export const LANGUAGES: readonly Language[] = ["th", "en"];
