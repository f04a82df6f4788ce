import { ErrorBodySchema, openApiDocument } from "@smartcity/shared";
import type { FuzzRequest } from "./fuzz-requests";

/**
 * What every answer of the endpoint fuzz must be: never a 5xx; every 4xx our error body
 * (`{ error: { code, message: { th, en }, issues?: [{ path, message, th }] } }`) with words in
 * both languages; and no English in the Thai, by the rule of `englishInThai`.
 */
export interface FuzzAnswer {
  status: number;
  contentType: string;
  text: string;
}

/** Latin words with no Thai equivalent that the Thai may use: products, formats, protocol names. */
const NAMES = new Set(
  [
    "Excel",
    "JSON",
    "PDF",
    "CSV",
    "Word",
    "PowerPoint",
    "Office",
    "OpenDocument",
    "LibreOffice",
    "Calc",
    "zip",
    "xlsx",
    "xls",
    "xlsb",
    "ods",
    "odt",
    "odp",
    "doc",
    "ppt",
    "MB",
    "ETag",
    "If",
    "Match",
    "None",
    "Bearer",
    "Authorization",
    "Entra",
    "ID",
    "URL",
    "GET",
    "POST",
    "PUT",
    "PATCH",
    "DELETE",
    "HEAD",
    "OPTIONS",
  ].map((name) => name.toLowerCase())
);

/** The contract's own names a caller types: properties, parameters, and the words of the paths. */
function contractNames(): Set<string> {
  const names = new Set<string>();
  const document = openApiDocument();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === "object") {
      const record = value as Record<string, unknown>;
      if (record.properties !== null && typeof record.properties === "object")
        Object.keys(record.properties).forEach((name) => names.add(name.toLowerCase()));
      if (typeof record.name === "string" && typeof record.in === "string")
        names.add(record.name.toLowerCase());
      Object.values(record).forEach(walk);
    }
  };
  walk(document);
  for (const path of Object.keys(document.paths as object))
    for (const word of latinWords(path)) names.add(word.toLowerCase());
  // The dev-only sign-in (POST /api/dev/sign-in), which the document leaves out, and its fields.
  for (const word of ["dev", "sign", "in", "role"]) names.add(word);
  return names;
}

const CONTRACT = contractNames();

function latinWords(text: string): string[] {
  return text.match(/[A-Za-z][A-Za-z0-9]*/g) ?? [];
}

/**
 * The words requests carried: what a message may quote from them. A message may quote its own
 * request, and what earlier requests stored (a published ruleset's names): `also` holds those.
 */
export class InputWords {
  private readonly words = new Set<string>();

  constructor(private readonly also?: InputWords) {}

  add(request: FuzzRequest): void {
    const texts = [request.path, decoded(request.path), request.query, decoded(request.query)];
    for (const [name, value] of Object.entries(request.headers))
      if (name !== "authorization") texts.push(value);
    if (request.body !== undefined) texts.push(request.body.toString("utf8"));
    for (const text of texts)
      for (const word of latinWords(text)) this.words.add(word.toLowerCase());
  }

  has(word: string): boolean {
    return this.words.has(word.toLowerCase()) || (this.also?.has(word) ?? false);
  }

  /** For a word cut short where a message shortens a long value ("nu..."). */
  begins(word: string): boolean {
    const start = word.toLowerCase();
    for (const known of this.words) if (known.startsWith(start)) return true;
    return this.also?.begins(word) ?? false;
  }
}

/** Each run of valid escapes decoded, the malformed ones kept, as a lenient reader does. */
function decoded(text: string): string {
  return text.replace(/\+/g, " ").replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * The Latin words in a Thai message that the rule does not allow. The rule: once text in double
 * quotes (the caller's own input, quoted) and numbers in exponent notation (1e+308) are taken
 * out (and a word of the input cut short by "..."), every run of Latin letters (with the digits that follow) must be a name with no Thai
 * word (a product, a format, a protocol name: NAMES), a name of the contract a caller types (a
 * property, parameter or path word of the OpenAPI document), or a word the request carried (an
 * id, a path, a field name, quoted without quotes) or an earlier one stored (a published
 * ruleset's or proposal's names).
 */
export function englishInThai(th: string, inputs: InputWords): string[] {
  const cut = (th.match(/[A-Za-z][A-Za-z0-9]*(?=\.\.\.)/g) ?? []).filter((word) =>
    inputs.begins(word)
  );
  const stripped = th
    .replace(/"[^"]*"/g, " ")
    .replace(new RegExp(`(?:${cut.join("|") || "(?!)"})\\.\\.\\.`, "g"), " ")
    .replace(/(?<![A-Za-z0-9])\d+(?:\.\d+)?e[+-]?\d+(?![A-Za-z0-9])/gi, " ");
  return latinWords(stripped).filter(
    (word) =>
      !NAMES.has(word.toLowerCase()) && !CONTRACT.has(word.toLowerCase()) && !inputs.has(word)
  );
}

function describe(request: FuzzRequest, answer: FuzzAnswer): string {
  const body = request.body?.toString("utf8").slice(0, 300) ?? "";
  return `${request.method} ${request.path}${request.query ? `?${request.query}` : ""} (${request.endpoint}) ${JSON.stringify(request.headers)} ${body}\n→ ${answer.status} ${answer.text.slice(0, 600)}`;
}

function thaiProblems(where: string, th: unknown, inputs: InputWords): string[] {
  if (typeof th !== "string" || th.trim() === "") return [`${where}: no Thai`];
  if (!/[\u0E00-\u0E7F]/.test(th)) return [`${where}: not Thai: ${th}`];
  const english = englishInThai(th, inputs);
  return english.length === 0
    ? []
    : [`${where}: English in the Thai (${english.join(", ")}): ${th}`];
}

/** Throws, saying what is wrong, when the answer breaks a rule. */
export function checkAnswer(request: FuzzRequest, answer: FuzzAnswer, inputs: InputWords): void {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`a ${answer.status}`);
  else if (answer.status >= 400 && request.method !== "HEAD") {
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      problems.push("a 4xx whose body is not JSON");
    }
    if (!answer.contentType.includes("application/json"))
      problems.push(`content-type ${answer.contentType}`);
    const parsed = ErrorBodySchema.safeParse(body);
    if (body !== undefined && !parsed.success) problems.push("not the error body");
    if (parsed.success) {
      const { message, issues } = parsed.data.error;
      if (message.en.trim() === "") problems.push("no English");
      problems.push(...thaiProblems("message", message.th, inputs));
      for (const [index, issue] of (issues ?? []).entries())
        problems.push(...thaiProblems(`issues[${index}]`, issue.th, inputs));
    }
  } else if (answer.status === 200 && answer.contentType.includes("application/json")) {
    // The per-application errors of an evaluation (or a preview), and the per-file errors of a
    // consolidation, are messages a person reads.
    type Worded = { error?: { message?: { th?: string } } };
    const body = JSON.parse(answer.text) as { results?: Worded[]; files?: Worded[] };
    for (const [index, file] of (body.files ?? []).entries())
      if (file.error !== undefined)
        problems.push(...thaiProblems(`files[${index}].error`, file.error.message?.th, inputs));
    for (const [index, result] of (body.results ?? []).entries())
      // Without Thai when the caller asked for English only, or for no words.
      if (result.error?.message?.th !== undefined)
        problems.push(...thaiProblems(`results[${index}].error`, result.error.message.th, inputs));
  }
  if (problems.length > 0) throw new Error(`${problems.join("; ")}\n${describe(request, answer)}`);
}
