import type { Role } from "./http-contract";
import type { LocalizedText } from "../text/localized-text";

/** The roles as people call them (the token carries the English ids). */
export const ROLE_NAMES: Record<Role, LocalizedText> = {
  Evaluator: { th: "ผู้ประเมิน", en: "Evaluator" },
  Secretary: { th: "เลขานุการคณะกรรมการ", en: "Secretary" },
  Admin: { th: "ผู้ดูแลระบบ", en: "Admin" },
};
