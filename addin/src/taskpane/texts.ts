import { BASELINE_RULESET, type LocalizedText, ROLE_NAMES, ROLES } from "@smartcity/shared";

/** The pane's own words, in both languages (the rules' words come from @smartcity/shared). */
export const TEXTS = {
  en: {
    title: "Smart City Scoring",
    switchLanguage: "ภาษาไทย",
    outsideExcel:
      "This pane is open outside Excel: the service and its rules are shown, but the workbook tools need Excel.",
    service: "Scoring service",
    serviceUrl: "Service URL",
    save: "Save",
    serviceOk: "Service is up; storage answers.",
    serviceDown: "Service not reachable",
    signIn: "Sign-in",
    signedInAs: "Signed in as",
    notSignedIn: "Not signed in. Formulas show #N/A until you sign in.",
    devSignIn: "Development sign-in (the service runs in dev mode): choose a role.",
    role: "Role",
    personName: "Name (optional: two names are two people, e.g. to propose and approve)",
    signInButton: "Sign in",
    signOut: "Sign out",
    entraNotice: "Sign in with your organisation's Microsoft account.",
    entraSignIn: "Sign in with Microsoft",
    ruleset: "Ruleset in force",
    version: "Version",
    approval: "Approved at committee meeting",
    effectiveFrom: "In force from",
    overall: "Plan as a whole",
    dimensionBar: "Each proposed dimension",
    minDimensions: "Dimensions required",
    mandatory: "mandatory",
    dimensionsCaption: "Dimensions: the bar each is held to, and its weight in the overall score",
    dimensionColumn: "Dimension",
    barColumn: "Bar",
    weightColumn: "Weight",
    ownBarColumn: "Own bar %",
    mandatoryColumn: "Mandatory",
    ownBarNote: "its own",
    workbook: "This workbook",
    pinnedTo: "Pinned to ruleset version",
    notPinned: "Not pinned: formulas use the version in force.",
    pinTo: "Pin to version",
    moveTo: "Move to version",
    insertSheet: "Insert evaluation sheet",
    inserted: "Inserted sheet",
    help: "Functions",
    admin: "Committee rulesets (admin)",
    showDiff: "Show differences",
    diffFrom: "From version",
    diffTo: "To version",
    versionOption: (version: string) => `Version ${version}`,
    versionColumn: "Version",
    meetingColumn: "Approved at meeting",
    effectiveColumn: "In force from",
    statusColumn: "Status",
    noteColumn: "Why",
    dimensionsTable: "Each dimension's weight, own bar and whether it is mandatory",
    noDifferences: "No differences.",
    edit: "New version",
    overallBar: "Plan as a whole: minimum %",
    dimensionBarLabel: "Each dimension: minimum %",
    minDimensionsLabel: "Dimensions required",
    weight: "weight",
    ownBar: "own bar %",
    approvalReference: "Approval: committee meeting (e.g. 1/2566)",
    approvalDate: "Approval date (2023-07-14, 14/07/2566 or ๑๔ กรกฎาคม ๒๕๖๖)",
    effective: "In force from (written like the approval date; empty: today)",
    note: "Why the rules change",
    previewOnWorkbook: "Preview on this workbook's evaluation table",
    publish: "Publish…",
    confirm: "Publish these changes as a new version?",
    yes: "Publish",
    no: "Cancel",
    retryLoad: "Try again",
    published: "Published version",
    scheduled: "scheduled",
    inForce: "in force",
    superseded: "superseded",
    flips: "applicants change eligibility or outcome",
  },
  th: {
    title: "ประเมินเมืองอัจฉริยะ",
    switchLanguage: "English",
    outsideExcel: "เปิดหน้านี้นอก Excel: แสดงสถานะบริการและเกณฑ์ได้ แต่เครื่องมือสำหรับสมุดงานต้องใช้ใน Excel",
    service: "บริการประเมิน",
    serviceUrl: "ที่อยู่บริการ",
    save: "บันทึก",
    serviceOk: "บริการทำงานปกติ",
    serviceDown: "ติดต่อบริการไม่ได้",
    signIn: "การลงชื่อเข้าใช้",
    signedInAs: "ลงชื่อเข้าใช้เป็น",
    notSignedIn: "ยังไม่ได้ลงชื่อเข้าใช้ สูตรจะแสดง #N/A จนกว่าจะลงชื่อเข้าใช้",
    devSignIn: "ลงชื่อเข้าใช้สำหรับทดสอบ (บริการอยู่ในโหมด dev): เลือกบทบาท",
    role: "บทบาท",
    signInButton: "ลงชื่อเข้าใช้",
    personName: "ชื่อ (ไม่บังคับ ชื่อต่างกันคือคนละคน เช่น ผู้เสนอกับผู้อนุมัติ)",
    signOut: "ออกจากระบบ",
    entraNotice: "ลงชื่อเข้าใช้ด้วยบัญชี Microsoft ขององค์กร",
    entraSignIn: "ลงชื่อเข้าใช้ด้วย Microsoft",
    ruleset: "ชุดเกณฑ์ที่ใช้อยู่",
    version: "ฉบับที่",
    approval: "อนุมัติในการประชุมครั้งที่",
    effectiveFrom: "มีผลตั้งแต่",
    overall: "แผนภาพรวม",
    dimensionBar: "แต่ละด้านที่เสนอ",
    minDimensions: "จำนวนด้านขั้นต่ำ",
    mandatory: "บังคับ",
    dimensionsCaption: "ด้านต่าง ๆ: เกณฑ์ขั้นต่ำของแต่ละด้าน และน้ำหนักในคะแนนภาพรวม",
    dimensionColumn: "ด้าน",
    barColumn: "เกณฑ์ขั้นต่ำ",
    weightColumn: "น้ำหนัก",
    ownBarColumn: "เกณฑ์เฉพาะด้าน (%)",
    mandatoryColumn: "ด้านบังคับ",
    ownBarNote: "เฉพาะด้าน",
    workbook: "สมุดงานนี้",
    pinnedTo: "ตรึงไว้กับชุดเกณฑ์ฉบับที่",
    notPinned: "ไม่ได้ตรึงฉบับ: สูตรใช้ชุดเกณฑ์ที่มีผลอยู่",
    pinTo: "ตรึงกับฉบับที่",
    moveTo: "เปลี่ยนเป็นฉบับที่",
    insertSheet: "แทรกแผ่นงานประเมิน",
    inserted: "แทรกแผ่นงานแล้ว",
    help: "ฟังก์ชัน",
    admin: "ชุดเกณฑ์ของคณะกรรมการ (ผู้ดูแล)",
    showDiff: "แสดงความแตกต่าง",
    diffFrom: "จากฉบับที่",
    diffTo: "เทียบกับฉบับที่",
    versionOption: (version: string) => `ฉบับที่ ${version}`,
    versionColumn: "ฉบับที่",
    meetingColumn: "อนุมัติในการประชุมครั้งที่",
    effectiveColumn: "มีผลตั้งแต่",
    statusColumn: "สถานะ",
    noteColumn: "เหตุผล",
    dimensionsTable: "น้ำหนัก เกณฑ์เฉพาะด้าน และการเป็นด้านบังคับของแต่ละด้าน",
    noDifferences: "ไม่มีความแตกต่าง",
    edit: "ฉบับใหม่",
    overallBar: "แผนภาพรวม: ร้อยละขั้นต่ำ",
    dimensionBarLabel: "แต่ละด้าน: ร้อยละขั้นต่ำ",
    minDimensionsLabel: "จำนวนด้านขั้นต่ำ",
    weight: "น้ำหนัก",
    ownBar: "เกณฑ์เฉพาะด้าน (%)",
    approvalReference: "อนุมัติ: การประชุมครั้งที่ (เช่น 1/2566)",
    approvalDate: "วันที่อนุมัติ (2023-07-14, 14/07/2566 หรือ ๑๔ กรกฎาคม ๒๕๖๖)",
    effective: "มีผลตั้งแต่ (เขียนแบบเดียวกับวันที่อนุมัติ ว่าง = วันนี้)",
    note: "เหตุผลที่เปลี่ยนเกณฑ์",
    previewOnWorkbook: "ทดลองกับตารางประเมินในสมุดงานนี้",
    publish: "ประกาศใช้…",
    confirm: "ประกาศใช้การเปลี่ยนแปลงนี้เป็นฉบับใหม่หรือไม่",
    yes: "ประกาศใช้",
    no: "ยกเลิก",
    retryLoad: "ลองอีกครั้ง",
    published: "ประกาศใช้ฉบับที่",
    scheduled: "รอมีผล",
    inForce: "มีผลอยู่",
    superseded: "ถูกแทนที่",
    flips: "ผู้สมัครที่ผลการผ่านเกณฑ์หรือผลการพิจารณาเปลี่ยน",
    devPerson: "ผู้ใช้ทดสอบ",
    // The baseline's note is part of the published ruleset (and of its hash), in English; the
    // pane shows it in Thai in Thai.
    baselineNote:
      "เกณฑ์ตั้งต้น: เกณฑ์ที่คณะกรรมการขับเคลื่อนการพัฒนาเมืองอัจฉริยะอนุมัติในการประชุมครั้งที่ 3/2561 เมื่อวันที่ 27 กันยายน 2561",
  },
};

export type PaneLanguage = keyof typeof TEXTS;

/** The service's role names (Entra app roles) in the pane's words (shared's ROLE_NAMES). */
export function roleName(role: string, language: PaneLanguage): string {
  return (ROLE_NAMES as Record<string, LocalizedText | undefined>)[role]?.[language] ?? role;
}

/**
 * A person's name as the pane shows it. A dev sign-in without a name is named by the service
 * after its roles ("Dev Evaluator"): in Thai that is shown in Thai words; a typed name stays as
 * it was typed.
 */
export function personName(name: string, language: PaneLanguage): string {
  if (language !== "th" || !name.startsWith("Dev ")) return name;
  const roles = name.slice("Dev ".length).split(", ");
  const devDefault = roles.every(
    (role) => role === "user" || (ROLES as readonly string[]).includes(role)
  );
  return devDefault ? TEXTS.th.devPerson : name;
}

/** A version's note: the baseline's, which is in English in the ruleset, in the pane's language. */
export function noteText(note: string, language: PaneLanguage): string {
  return language === "th" && note === BASELINE_RULESET.note ? TEXTS.th.baselineNote : note;
}
