/**
 * The words of the pane's tabs, one per role, and what a tab says to someone who is not signed
 * in with the role it needs: in Thai without English words, and in English.
 */
export const TAB_TEXTS = {
  en: {
    tabList: "What you do",
    evaluate: "Evaluate",
    consolidate: "Consolidate",
    rulesets: "Rulesets",
    connection: "Service and sign-in",
    consolidateNeedsRole:
      "Consolidating evaluators' workbooks needs the Secretary or Admin role: sign in with one of them above.",
    rulesetsNeedsRole:
      "Reading the ruleset history and publishing a new version needs the Admin role: sign in as an admin above.",
  },
  th: {
    tabList: "งานที่ทำ",
    evaluate: "ประเมิน",
    consolidate: "รวมผล",
    rulesets: "ชุดเกณฑ์",
    connection: "บริการและการลงชื่อเข้าใช้",
    consolidateNeedsRole:
      "การรวมผลจากสมุดงานของผู้ประเมินต้องใช้บทบาทเลขานุการคณะกรรมการหรือผู้ดูแลระบบ โปรดลงชื่อเข้าใช้ด้วยบทบาทใดบทบาทหนึ่งด้านบน",
    rulesetsNeedsRole:
      "การดูประวัติชุดเกณฑ์และการประกาศใช้ฉบับใหม่ต้องใช้บทบาทผู้ดูแลระบบ โปรดลงชื่อเข้าใช้ในฐานะผู้ดูแลระบบด้านบน",
  },
};
