import {
  type Application,
  describeRuleChanges,
  formatBangkokDateTime,
  formatDate,
  type LocalizedText,
  type ProposalResponse,
} from "@smartcity/shared";
import { asServiceError } from "../../client/service-error";
import { getSession, rulesets, service } from "../../runtime";
import { bandName, changeCount, moves } from "./impact-words";
import { readTypedNotes, restoreTypedNotes } from "./typed-notes";

/**
 * Four-eyes publishing in the pane: a new version from the admin form becomes a proposal
 * (or is published directly when the service needs no approval, SMARTCITY_PUBLISH_APPROVALS=0,
 * which GET /api/health tells); the pending proposals are listed with their diff, the impact
 * preview the proposer stored (who changes eligibility or outcome band, from which band to
 * which) and whether another version overtook them, and other admins
 * approve or reject them. The proposer may withdraw their own. Builds its DOM inside #proposals.
 */
type Language = "en" | "th";

const TEXTS = {
  en: {
    heading: "Proposals awaiting approval",
    none: "No proposal is waiting.",
    by: (name: string, at: string) => `Proposed by ${name} on ${at}`,
    base: (version: string) => `written against version ${version}`,
    outdated: "Another version was published since: this proposal can only be rejected.",
    effective: (date: string | null) => `in force from ${date ?? "the day it is approved"}`,
    approvals: (names: string[]) => `Approved so far by ${names.join(", ")}`,
    confirmApprove:
      "Approve this proposal? These changes are published once enough admins approve:",
    confirmReject: "Reject this proposal? These changes will not be published:",
    confirmWithdraw: "Withdraw your proposal? These changes will not be published:",
    cancel: "Cancel",
    approve: "Approve",
    reject: "Reject",
    withdraw: "Withdraw",
    rejectNote: "Why (required to reject)",
    yours: "Your own proposal: another admin must approve it.",
    proposed: (version: string, from: string | null, approvals: number) =>
      `Proposal sent: version ${version}, in force from ${from ?? "the day it is approved"}, waiting for ${approvals === 1 ? "another admin's approval" : `the approval of ${approvals} other admins`}`,
    published: (version: string) => `Published version ${version}`,
    approvedAs: (version: string) => `Approved: published version ${version}`,
    approvalRecorded: "Approval recorded; more approvals are needed",
    rejected: "Rejected",
    propose: "Propose…",
    confirmProposal: "Propose these changes as a new version? Another admin must approve them.",
    yesPropose: "Propose",
    noDifferences: "No differences.",
  },
  th: {
    heading: "ข้อเสนอที่รออนุมัติ",
    none: "ไม่มีข้อเสนอที่รออนุมัติ",
    by: (name: string, at: string) => `เสนอโดย ${name} เมื่อ ${at}`,
    base: (version: string) => `เขียนจากฉบับที่ ${version}`,
    outdated: "มีการออกฉบับใหม่หลังจากนั้นแล้ว ข้อเสนอนี้ทำได้เพียงปฏิเสธ",
    effective: (date: string | null) => `มีผลตั้งแต่ ${date ?? "วันที่ได้รับอนุมัติ"}`,
    approvals: (names: string[]) => `อนุมัติแล้วโดย ${names.join(", ")}`,
    confirmApprove: "อนุมัติข้อเสนอนี้หรือไม่ การเปลี่ยนแปลงต่อไปนี้จะออกเป็นฉบับใหม่เมื่อได้รับอนุมัติครบ",
    confirmReject: "ปฏิเสธข้อเสนอนี้หรือไม่ การเปลี่ยนแปลงต่อไปนี้จะไม่มีผล",
    confirmWithdraw: "ถอนข้อเสนอของคุณหรือไม่ การเปลี่ยนแปลงต่อไปนี้จะไม่มีผล",
    cancel: "ยกเลิก",
    approve: "อนุมัติ",
    reject: "ปฏิเสธ",
    withdraw: "ถอนข้อเสนอ",
    rejectNote: "เหตุผล (ต้องระบุเมื่อปฏิเสธ)",
    yours: "ข้อเสนอของคุณเอง ต้องให้ผู้ดูแลระบบคนอื่นอนุมัติ",
    proposed: (version: string, from: string | null, approvals: number) =>
      `ส่งข้อเสนอแล้ว: ฉบับที่ ${version} มีผลตั้งแต่${from === null ? "วันที่ได้รับอนุมัติ" : ` ${from}`} รอผู้ดูแลระบบคนอื่นอนุมัติ${approvals === 1 ? "" : `อีก ${approvals} คน`}`,
    published: (version: string) => `ออกฉบับที่ ${version} แล้ว`,
    approvedAs: (version: string) => `อนุมัติแล้ว ออกเป็นฉบับที่ ${version}`,
    approvalRecorded: "บันทึกการอนุมัติแล้ว ยังต้องมีผู้อนุมัติเพิ่ม",
    rejected: "ปฏิเสธแล้ว",
    propose: "เสนอ…",
    confirmProposal: "เสนอการเปลี่ยนแปลงนี้เป็นฉบับใหม่หรือไม่ ผู้ดูแลระบบคนอื่นต้องอนุมัติก่อนจึงจะมีผล",
    yesPropose: "เสนอ",
    noDifferences: "ไม่มีความแตกต่าง",
  },
};

let loaded = false;
/** The language the list was built in: a switch rebuilds it. */
let builtIn: Language | undefined;
let approvalsNeeded: number | undefined;
/** Counts the list's builds: only the last one's answer is shown. */
let buildNumber = 0;
/**
 * The outcome of the last approve/reject, in both languages: the list rebuilt after it shows
 * it, and so does a rebuild in the other language, until a reset that is not its own.
 */
let outcome: LocalizedText | undefined;
/** The reset that follows an approve/reject (its refresh) keeps the outcome; any other clears it. */
let outcomeOutlivesReset = false;

export function resetProposalsPane(): void {
  loaded = false;
  approvalsNeeded = undefined;
  if (!outcomeOutlivesReset) outcome = undefined;
  outcomeOutlivesReset = false;
}

/** How many other admins approve a new version, as the service says (GET /api/health). */
async function approvalsRequired(): Promise<number> {
  approvalsNeeded ??= await service.approvalsRequired();
  return approvalsNeeded;
}

/**
 * Sends a new version from the admin form: a proposal when approvals are needed, else a
 * direct publish under `etag`. Returns what to tell the admin, in both languages (a switch
 * re-words it), in words: the version it would become and from when, never the proposal's id.
 */
export async function sendNewVersion(
  body: unknown,
  etag: string | null,
  applications?: Application[]
): Promise<LocalizedText> {
  const approvals = await approvalsRequired();
  if (approvals > 0) {
    // The applications previewed on these rules go with the proposal: it stores their impact.
    const proposal = await service.propose(
      applications ? { ...(body as object), applications } : body,
      etag
    );
    loaded = false;
    // The number it gets when approved, unless another version is published first.
    const version = String(Number(proposal.base) + 1);
    const from = proposal.effectiveFrom === null ? undefined : formatDate(proposal.effectiveFrom);
    return {
      en: TEXTS.en.proposed(version, from?.en ?? null, approvals),
      th: TEXTS.th.proposed(version, from?.th ?? null, approvals),
    };
  }
  const { version } = await service.publish(body, etag);
  return { en: TEXTS.en.published(version), th: TEXTS.th.published(version) };
}

export async function renderProposalsPane(
  visible: boolean,
  language: Language,
  done: () => Promise<void>
): Promise<void> {
  const box = document.getElementById("proposals");
  if (!box) return;
  box.hidden = !visible;
  if (!visible) return;
  const texts = TEXTS[language];
  void proposalWording(texts);
  if (loaded && builtIn === language) return;
  loaded = true;
  builtIn = language;
  // A later build (a language switched back, a reset) takes over: this one's answer is dropped,
  // else a slow Thai list could land after the English one asked for after it.
  const mine = ++buildNumber;
  const heading = document.createElement("h2");
  heading.textContent = texts.heading;
  const message = document.createElement("p");
  message.id = "proposals-message";
  message.setAttribute("role", "status");
  try {
    const proposals = await service.proposals("pending");
    if (mine !== buildNumber) return;
    const items = proposals.map((proposal) =>
      proposalItem(
        proposal,
        language,
        texts,
        async (said) => {
          outcome = { en: said(TEXTS.en), th: said(TEXTS.th) };
          outcomeOutlivesReset = true;
          loaded = false;
          rulesets.reset();
          await done();
        },
        message,
        (failed) => (outcome = failed)
      )
    );
    message.textContent = outcome?.[language] ?? "";
    const empty = document.createElement("p");
    empty.textContent = texts.none;
    // Read just before the list is replaced: what was typed while its proposals were loading.
    const person = currentPersonId();
    const typed = readTypedNotes(box, person);
    box.replaceChildren(heading, ...(items.length ? items : [empty]), message);
    restoreTypedNotes(box, typed, person);
  } catch (error) {
    if (mine !== buildNumber) return;
    message.textContent = asServiceError(error).text[language];
    box.replaceChildren(heading, message);
  }
}

/** When approvals are needed, the admin form's send button and confirmation say "propose". */
async function proposalWording(texts: (typeof TEXTS)[Language]): Promise<void> {
  try {
    if ((await approvalsRequired()) === 0) return;
  } catch {
    return; // the service is down: the admin form says so itself
  }
  for (const [id, text] of [
    ["edit-publish", texts.propose],
    ["confirm-text", texts.confirmProposal],
    ["confirm-yes", texts.yesPropose],
  ]) {
    const element = document.getElementById(id);
    if (element) element.textContent = text;
  }
}

function proposalItem(
  proposal: ProposalResponse,
  language: Language,
  texts: (typeof TEXTS)[Language],
  after: (said: (texts: (typeof TEXTS)[Language]) => string) => Promise<void>,
  message: HTMLElement,
  failed: (text: LocalizedText) => void
): HTMLElement {
  const item = document.createElement("div");
  item.className = "proposal";
  item.dataset.id = proposal.id;
  const line = (text: string, tag = "p") => {
    const element = document.createElement(tag);
    element.textContent = text;
    item.append(element);
    return element;
  };
  // Dates in words and times in the committee's time zone (Bangkok), never the record's UTC.
  line(
    `${proposal.note} — ${proposal.approval.reference} (${formatDate(proposal.approval.date)[language]})`,
    "strong"
  );
  const effective = texts.effective(
    proposal.effectiveFrom === null ? null : formatDate(proposal.effectiveFrom)[language]
  );
  line(
    `${texts.by(proposal.proposedBy, formatBangkokDateTime(proposal.proposedAt)[language])}, ${texts.base(proposal.base)}, ${effective}`
  ).className = "proposal-by";
  // The diff in words; names from the base version when it is at hand (a removed dimension).
  const before = rulesets.peek(proposal.base)?.rules ?? proposal.rules;
  const changes = describeRuleChanges(proposal.diff, before, proposal.rules).map(
    (change) => change[language]
  );
  line(changes.length ? changes.join("\n") : texts.noDifferences, "pre").className =
    "proposal-diff";
  if (proposal.preview) {
    const { flips, applications, inForce } = proposal.preview;
    // Outcome names: the version the preview was made against, and the proposed rules.
    const was = rulesets.peek(inForce)?.rules ?? proposal.rules;
    const changes = flips.map((flip) => ({
      from: bandName(was, flip.fromOutcome, flip.from),
      to: bandName(proposal.rules, flip.toOutcome, flip.to),
    }));
    line(
      [changeCount(flips.length, applications, inForce), ...moves(changes)]
        .map((words) => words[language])
        .join("\n"),
      "p"
    ).className = "proposal-impact";
  }
  if (proposal.approvals.length)
    line(
      texts.approvals(
        proposal.approvals.map((a) => `${a.by} (${formatBangkokDateTime(a.at)[language]})`)
      )
    ).className = "proposal-approvals";
  if (proposal.outdated) line(texts.outdated).className = "error";
  const mine = proposal.proposedById === currentPersonId();
  if (mine) line(texts.yours);
  const act = async (action: "approve" | "reject", note?: string) => {
    try {
      const decided = await service.decide(proposal.id, action, note);
      await after((words) =>
        action === "reject"
          ? words.rejected
          : "published" in decided
            ? words.approvedAs(decided.published.version)
            : words.approvalRecorded
      );
    } catch (error) {
      const text = asServiceError(error).text;
      failed(text); // a rebuild in the other language says it in that language
      message.textContent = text[language];
    }
  };
  // Approve, reject and withdraw each ask first, showing again what would change and from when;
  // Cancel (or Escape) sends nothing and gives the focus back to the button that asked.
  const confirmBox = document.createElement("div");
  confirmBox.className = "proposal-confirm";
  confirmBox.hidden = true;
  const cancel = (trigger: HTMLElement) => {
    confirmBox.hidden = true;
    confirmBox.replaceChildren();
    trigger.focus();
  };
  const ask = (action: "approve" | "reject", trigger: HTMLButtonElement, question: string) => {
    const text = document.createElement("p");
    text.className = "proposal-confirm-text";
    text.textContent = question;
    const list = document.createElement("ul");
    list.className = "proposal-confirm-diff";
    for (const words of [...(changes.length ? changes : [texts.noDifferences]), effective]) {
      const entry = document.createElement("li");
      entry.textContent = words;
      list.append(entry);
    }
    const yes = document.createElement("button");
    yes.type = "button";
    yes.className = "proposal-confirm-yes";
    yes.textContent = trigger.textContent;
    yes.addEventListener("click", () => {
      confirmBox.hidden = true;
      confirmBox.replaceChildren();
      void act(action, action === "reject" ? note.value : undefined);
    });
    const no = document.createElement("button");
    no.type = "button";
    no.className = "proposal-confirm-no";
    no.textContent = texts.cancel;
    no.addEventListener("click", () => cancel(trigger));
    confirmBox.onkeydown = (event) => {
      if (event.key === "Escape") cancel(trigger);
    };
    confirmBox.replaceChildren(text, list, yes, no);
    confirmBox.hidden = false;
    yes.focus();
  };
  if (!mine && !proposal.outdated) {
    const approve = document.createElement("button");
    approve.type = "button";
    approve.className = "proposal-approve";
    approve.textContent = texts.approve;
    approve.addEventListener("click", () => ask("approve", approve, texts.confirmApprove));
    item.append(approve);
  }
  const note = document.createElement("input");
  note.type = "text";
  note.className = "proposal-note";
  note.placeholder = texts.rejectNote;
  note.setAttribute("aria-label", texts.rejectNote);
  const reject = document.createElement("button");
  reject.type = "button";
  reject.className = "proposal-reject";
  reject.textContent = mine ? texts.withdraw : texts.reject;
  reject.addEventListener("click", () =>
    ask("reject", reject, mine ? texts.confirmWithdraw : texts.confirmReject)
  );
  item.append(note, reject, confirmBox);
  return item;
}

/** The signed-in person's id as the service sees it (the token's oid, else sub). */
function currentPersonId(): string | undefined {
  const token = getSession()?.token;
  const payload = token?.split(".")[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as {
      oid?: unknown;
      sub?: unknown;
    };
    const id = claims.oid ?? claims.sub;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}
