import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "@jest/globals";

/**
 * The product names ideas, not the team's tracker: a reader outside the team cannot look up
 * what a numbered item was, so "the later criteria" says what a number never would. No file of
 * the repository — code, comments, tests, docs, scripts — may point at a tracker item by its
 * number. Other projects' issue numbers are fine where the project is named (office-js's, in a
 * URL or as "office-js #1951"), and so are colours (#123456) and other `#` numbers that no
 * tracker word introduces.
 */
const ROOT = path.resolve(__dirname, "../..");

/** Each pattern is a way of writing a tracker item's number. */
const TRACKER_NUMBERS: readonly { name: string; pattern: RegExp }[] = [
  // a tracker word (issue, ticket, task, bug, story, PR, pull request), then "#" and digits
  {
    name: "a tracker word and #number",
    pattern: /\b(?:issue|ticket|task|bug|story|pr|pull request)s?\s*(?:no\.?\s*)?#\s*\d+/i,
  },
  // "issue" or "ticket", a space and digits: also "(issue …)", "before issue …", "issue …'s"
  { name: "a tracker word and a number", pattern: /\b(?:issue|ticket)s?\s+\d+\b/i },
  // the word joined to the digits (directly, or by "-" or "_"), in names of files, tests, variables
  { name: "a tracker word joined to a number", pattern: /\b(?:issue|ticket)[-_]?\d+\b/i },
  // "i", digits and "-" at the start of a name (a screenshot's file name, say)
  { name: "i<number>- as a name's prefix", pattern: /(?<![\w#-])i\d{1,4}-(?=[a-z])/i },
];

/** A match that names another project's tracker (`owner/repo`, or a project such as office-js) just before it. */
const ANOTHER_PROJECT = /(?:\b[\w.-]+\/[\w.-]+|\boffice-js(?:-docs-pr)?)\s+$/i;

const BINARY = /\.(?:png|jpe?g|gif|ico|webp|xlsx|xls|zip|gz|tgz|pdf|woff2?|ttf|otf|eot)$/i;

/** Every tracker number in `text`, as "line: match (which pattern)". */
export function trackerNumbers(text: string): string[] {
  const found: string[] = [];
  text.split("\n").forEach((line, index) => {
    // Addresses name other projects' issues (github.com/OfficeDev/office-js/issues/6662).
    const prose = line.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, " ");
    for (const { name, pattern } of TRACKER_NUMBERS) {
      const global = new RegExp(
        pattern.source,
        pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`
      );
      for (const match of prose.matchAll(global)) {
        if (ANOTHER_PROJECT.test(prose.slice(0, match.index))) continue;
        found.push(`${index + 1}: ${match[0]} (${name})`);
      }
    }
  });
  return found;
}

/** The repository's files as git lists them (and new ones not ignored), text only. */
function repositoryTextFiles(): string[] {
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return listed
    .split("\n")
    .filter(
      (file) =>
        file !== "" &&
        !file.includes("node_modules/") &&
        path.basename(file) !== "package-lock.json" &&
        !BINARY.test(file) &&
        existsSync(path.join(ROOT, file))
    );
}

describe("the patterns", () => {
  // Written in pieces, so that this file holds no tracker number itself.
  const tracker = (word: string, rest: string) => `${word}${rest}`;

  test.each([
    tracker("issue", " 13"),
    tracker("(issue", " 13)"),
    tracker("the layout before issue", " 13"),
    tracker("Issue", " #13"),
    tracker("ticket", " #4"),
    tracker("task", " #2"),
    tracker("see PR", " #7"),
    tracker("issue", "13-fixtures"),
    tracker("/tmp/i", "13-admin-form.png"),
  ])("find %s", (text) => {
    expect(trackerNumbers(text)).not.toEqual([]);
  });

  test.each([
    "https://github.com/OfficeDev/office-js/issues/6662",
    "Excel on the web passes null (office-js #1951, #4702, #5262)",
    "(office-js issues #1951, #4702, #5262)",
    "color: #123456; background: #fff",
    "the Issues sheet lists 3 issues; issues[0].path",
    "(issue) => issue.path",
    "i18n-ready, pii-2, 1.2.0.0",
    "Excel 2010, requirement set ExcelApi 1.13",
  ])("pass %s", (text) => {
    expect(trackerNumbers(text)).toEqual([]);
  });
});

test("no file of the repository names a tracker item by its number", () => {
  const files = repositoryTextFiles();
  expect(files).toEqual(expect.arrayContaining(["README.md", "shared/src/index.ts"]));
  const found: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(path.join(ROOT, file));
    if (bytes.subarray(0, 8000).includes(0)) continue; // binary after all
    for (const hit of trackerNumbers(bytes.toString("utf8"))) found.push(`${file}:${hit}`);
  }
  expect(found).toEqual([]);
});
