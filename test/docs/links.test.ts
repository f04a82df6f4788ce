import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "@jest/globals";

/**
 * The docs are a front door (README.md) and rooms beside it (docs/, CONTRIBUTING.md): every
 * relative link and image in them must reach a file that exists, and every `#anchor` a heading
 * of that file as GitHub names it, so that a moved section or a renamed file fails here rather
 * than in a reader's browser.
 */
const ROOT = path.resolve(__dirname, "../..");

/** Every markdown file of the repository (tracked, or new and not ignored), as paths from ROOT. */
function markdownFiles(): string[] {
  const listed = execFileSync(
    "git",
    ["ls-files", "--cached", "--others", "--exclude-standard", "--", "*.md"],
    { cwd: ROOT, encoding: "utf8" }
  );
  return listed
    .split("\n")
    .filter(
      (file) => file !== "" && !file.includes("node_modules/") && existsSync(path.join(ROOT, file))
    );
}

/** The text with the lines of fenced code blocks (``` or ~~~, fence included) blanked. */
function withoutCodeBlocks(markdown: string): string {
  let fence: string | undefined;
  return markdown
    .split("\n")
    .map((line) => {
      const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence === undefined) {
        if (marker === undefined) return line;
        fence = marker;
        return "";
      }
      // A closing fence: the same character, at least as long, and nothing after it.
      if (
        marker &&
        marker[0] === fence[0] &&
        marker.length >= fence.length &&
        /^ {0,3}[`~]+\s*$/.test(line)
      )
        fence = undefined;
      return "";
    })
    .join("\n");
}

/** The text with code blocks and inline code spans (which may wrap, but not across a paragraph) blanked. */
function withoutCode(markdown: string): string {
  return withoutCodeBlocks(markdown).replace(
    /(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n)[\s\S])*?(?<!`)\1(?!`)/g,
    ""
  );
}

/** GitHub's anchor for a heading (github-slugger): lowercase, punctuation and symbols dropped except `-` and `_`, each space a hyphen; letters and marks of any script (Thai too) kept. */
export function githubSlug(heading: string): string {
  // Code spans keep every character; elsewhere links become their text, and tags and emphasis
  // markers go (GitHub slugs the rendered text).
  const text = heading
    .split(/(`+[^`]*`+)/)
    .map((part, index) =>
      index % 2 === 1
        ? part.replace(/`/g, "")
        : part
            .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
            .replace(/<[^>]+>/g, "")
            .replace(/\*+/g, "")
            .replace(/(^|\s)_+|_+(?=\s|$)/g, "$1")
    )
    .join("")
    .trim();
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}_\- ]/gu, "")
    .replace(/ /g, "-");
}

/** The anchors a markdown file offers: its headings' slugs (a repeated one gets -1, -2…), and explicit HTML ids. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const text = withoutCodeBlocks(markdown);
  for (const [, heading] of text.matchAll(/^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/gm)) {
    const slug = githubSlug(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  for (const [, id] of text.matchAll(/<[a-z]+\s[^>]*\b(?:id|name)="([^"]+)"/gi)) anchors.add(id);
  return anchors;
}

/** Every link and image target in a markdown text: inline, reference definitions and HTML. */
export function linkTargets(markdown: string): string[] {
  const text = withoutCode(markdown);
  const targets: string[] = [];
  for (const [, target] of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
    targets.push(target);
  for (const [, target] of text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm))
    targets.push(target);
  for (const [, target] of text.matchAll(/<(?:a|img)\s[^>]*\b(?:href|src)="([^"]+)"/gi))
    targets.push(target);
  return targets;
}

/** What is wrong with each relative link of `file` (a path from `root`): a missing file or anchor. */
export function brokenLinks(root: string, file: string, markdown: string): string[] {
  const problems: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) continue; // https:, mailto:
    const [rawPath, anchor] = target.split("#", 2) as [string, string | undefined];
    const linkPath = decodeURI(rawPath.split("?")[0]);
    const shown = `${file}: ${target}`;
    if (linkPath === "") {
      // An anchor in the same file.
      if (anchor && !anchorsOf(markdown).has(decodeURIComponent(anchor)))
        problems.push(`${shown}: no heading #${anchor} in ${file}`);
      continue;
    }
    const resolved = path.resolve(root, path.dirname(file), linkPath);
    if (!resolved.startsWith(root + path.sep)) {
      problems.push(`${shown} leaves the repository`);
      continue;
    }
    if (!existsSync(resolved)) {
      problems.push(`${shown}: no file ${path.relative(root, resolved)}`);
      continue;
    }
    if (anchor === undefined || anchor === "") continue;
    if (statSync(resolved).isDirectory() || !resolved.endsWith(".md")) continue;
    const anchors = anchorsOf(readFileSync(resolved, "utf8"));
    if (!anchors.has(decodeURIComponent(anchor)))
      problems.push(`${shown}: no heading #${anchor} in ${path.relative(root, resolved)}`);
  }
  return problems;
}

describe("the checker itself", () => {
  test("names headings as GitHub does", () => {
    expect(githubSlug("`POST /api/evaluate`")).toBe("post-apievaluate");
    expect(
      githubSlug("The later criteria: requirement groups, tracks, outcome bands, rubrics")
    ).toBe("the-later-criteria-requirement-groups-tracks-outcome-bands-rubrics");
    expect(githubSlug("4. Give the add-in to the committee's users: centralized deployment")).toBe(
      "4-give-the-add-in-to-the-committees-users-centralized-deployment"
    );
    expect(githubSlug("Four-eyes: proposals and approvals")).toBe(
      "four-eyes-proposals-and-approvals"
    );
    expect(githubSlug("สรุปผล / Summary")).toBe("สรุปผล--summary");
    expect(githubSlug("`SMARTCITY_TIME_ZONE` and _today_")).toBe("smartcity_time_zone-and-today");
  });

  test("finds a missing file, a missing heading and a link leaving the repository, and passes good ones", () => {
    const root = ROOT;
    const markdown = [
      "# Title",
      "## Good section",
      "[ok](README.md) [ok anchor](#good-section) ![ok image](docs/images/pane-evaluator-th-350.png)",
      "[gone](docs/no-such-page.md) [bad anchor](#no-such-section) [outside](../elsewhere.md)",
      "[web](https://example.org/a#b) `[in code](nowhere.md)`",
      "```",
      "[in a block](nowhere-either.md)",
      "```",
    ].join("\n");
    const problems = brokenLinks(root, "example.md", markdown);
    expect(problems).toEqual([
      "example.md: docs/no-such-page.md: no file docs/no-such-page.md",
      "example.md: #no-such-section: no heading #no-such-section in example.md",
      "example.md: ../elsewhere.md leaves the repository",
    ]);
  });
});

describe("the docs", () => {
  const files = markdownFiles();

  test("include the front door and its rooms", () => {
    expect(files).toEqual(expect.arrayContaining(["README.md", "CONTRIBUTING.md"]));
    expect(files.filter((file) => file.startsWith("docs/")).length).toBeGreaterThanOrEqual(8);
  });

  test.each(files)("%s: every relative link and anchor resolves", (file) => {
    expect(brokenLinks(ROOT, file, readFileSync(path.join(ROOT, file), "utf8"))).toEqual([]);
  });

  test("README.md is at most 200 lines and links every page of docs/ and CONTRIBUTING.md", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(readme.trimEnd().split("\n").length).toBeLessThanOrEqual(200);
    const linked = new Set(
      linkTargets(readme).map((target) => path.normalize(target.split("#")[0]))
    );
    const pages = readdirSync(path.join(ROOT, "docs"))
      .filter((name) => name.endsWith(".md"))
      .map((name) => path.join("docs", name));
    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
    expect(linked.has("CONTRIBUTING.md")).toBe(true);
  });

  test("each page of docs/ is about one thing: under about 400 lines", () => {
    const long = readdirSync(path.join(ROOT, "docs"))
      .filter((name) => name.endsWith(".md"))
      .map((name) => ({
        name,
        lines: readFileSync(path.join(ROOT, "docs", name), "utf8").split("\n").length,
      }))
      .filter((page) => page.lines > 400);
    expect(long).toEqual([]);
  });

  test("the pictures in docs/images/ stay small (under 200 KB each)", () => {
    const folder = path.join(ROOT, "docs", "images");
    const large = readdirSync(folder)
      .map((name) => ({ name, bytes: statSync(path.join(folder, name)).size }))
      .filter((image) => image.bytes >= 200 * 1024);
    expect(large).toEqual([]);
  });
});
