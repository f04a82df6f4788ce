/**
 * Route templates as the Functions host reads them (ASP.NET Core routing): literal segments
 * match case-insensitively, `{name}` one segment, `{name:int}` an Int32 as int.TryParse reads
 * it (so `-1` matches and `99999999999` does not), `{*name}` the rest of the path. Where two
 * templates match, the more specific wins: literal, then constrained, then plain, then
 * catch-all, segment by segment. The local host routes with this so that both hosts send a
 * request to the same function.
 */
export interface RouteTemplate {
  template: string;
  /** The route values of a path below the prefix (e.g. "rulesets/2"), or undefined. */
  match(path: string): Record<string, string> | undefined;
  /** Sorts before another template that matches the same path when it is more specific. */
  precedence: string;
}

type Segment =
  | { kind: "literal"; text: string }
  | { kind: "int" | "plain"; name: string }
  | { kind: "catchAll"; name: string };

const RANK = { literal: "0", int: "1", plain: "2", catchAll: "3" } as const;

export function isInt32(text: string): boolean {
  if (!/^[-+]?\d+$/.test(text)) return false;
  const value = Number(text);
  return value >= -2_147_483_648 && value <= 2_147_483_647;
}

export function compileTemplate(template: string): RouteTemplate {
  const segments: Segment[] = template.split("/").map((segment): Segment => {
    const parameter = /^\{(\*)?(\w+)(?::(\w+))?\}$/.exec(segment);
    if (parameter === null) {
      if (/[{}]/.test(segment))
        throw new Error(`route "${template}": "${segment}" is not supported`);
      return { kind: "literal", text: segment.toLowerCase() };
    }
    const [, star, name, constraint] = parameter;
    if (constraint !== undefined && constraint !== "int")
      throw new Error(`route "${template}": the constraint ":${constraint}" is not supported`);
    if (star) return { kind: "catchAll", name };
    return { kind: constraint === "int" ? "int" : "plain", name };
  });
  return {
    template,
    precedence: segments.map((segment) => RANK[segment.kind]).join(""),
    match(path) {
      // One trailing slash is ignored, as ASP.NET routing ignores it (`health/` is `health`).
      const parts = path.replace(/\/$/, "").split("/");
      const values: Record<string, string> = {};
      for (const [index, segment] of segments.entries()) {
        if (segment.kind === "catchAll") {
          values[segment.name] = parts.slice(index).map(decodeSegment).join("/");
          return values;
        }
        const part = parts[index];
        if (part === undefined || part === "") return undefined;
        if (segment.kind === "literal") {
          if (decodeSegment(part).toLowerCase() !== segment.text) return undefined;
          continue;
        }
        const value = decodeSegment(part);
        if (segment.kind === "int" && !isInt32(value)) return undefined;
        values[segment.name] = value;
      }
      return parts.length === segments.length ? values : undefined;
    },
  };
}

/** A malformed escape (`%`, `%E0%B8`) is kept as written rather than thrown. */
function decodeSegment(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
