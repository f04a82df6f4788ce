/**
 * The Functions host stand-in's routing (functions-host.ts): the registered HTTP functions' route
 * templates compiled as ASP.NET reads them (literal segments case-insensitive, `{name}`,
 * `{name:int}` an Int32, `{*rest}`), matched against a request's path, in ASP.NET's precedence.
 */
export type Binding = {
  type: string;
  direction: "in" | "out";
  methods?: string[];
  route?: string;
  authLevel?: string;
};
export type FunctionMetadata = {
  name: string;
  functionId?: string;
  bindings: Record<string, Binding>;
};
export interface CompiledRoute {
  id: string;
  methods: string[];
  segments: { literal?: string; param?: string; int?: boolean; rest?: boolean }[];
  triggerName: string;
}

/** The host refuses two functions whose templates and methods overlap ("conflicts with the route…"). */
function refuseConflicts(routes: CompiledRoute[]): CompiledRoute[] {
  const shape = (route: CompiledRoute): string =>
    route.segments
      .map((segment) => segment.literal ?? (segment.rest ? "{*}" : segment.int ? "{int}" : "{}"))
      .join("/");
  for (const [index, route] of routes.entries()) {
    const clash = routes
      .slice(index + 1)
      .find(
        (other) =>
          shape(other) === shape(route) &&
          other.methods.some((method) => route.methods.includes(method))
      );
    if (clash)
      throw new Error(
        `The route specified by function ${clash.id} conflicts with the route defined by function ${route.id}`
      );
  }
  return routes;
}

/** The host's routes for the registered functions, refusing two that conflict. */
export function compileRoutes(
  functions: Iterable<[string, { metadata: FunctionMetadata }]>
): CompiledRoute[] {
  return refuseConflicts(compileRoutesOnly(functions));
}

function compileRoutesOnly(
  functions: Iterable<[string, { metadata: FunctionMetadata }]>
): CompiledRoute[] {
  return [...functions].map(([id, { metadata }]) => {
    const [triggerName, trigger] = Object.entries(metadata.bindings).find(
      ([, binding]) => binding.type.toLowerCase() === "httptrigger"
    ) ?? [undefined, undefined];
    if (!trigger || !triggerName) throw new Error(`${id}: only HTTP functions are served here`);
    const template = trigger.route ?? metadata.name;
    return {
      id,
      triggerName,
      methods: (trigger.methods ?? ["GET", "POST"]).map((method) => method.toUpperCase()),
      segments: template.split("/").map((segment) => {
        const parameter = /^\{(\*)?(\w+)(?::(\w+))?\}$/.exec(segment);
        if (!parameter) {
          if (/[{}]/.test(segment))
            throw new Error(`${id}: route segment "${segment}" is not supported here`);
          return { literal: segment.toLowerCase() };
        }
        if (parameter[3] !== undefined && parameter[3] !== "int")
          throw new Error(`${id}: the route constraint ":${parameter[3]}" is not supported here`);
        return { param: parameter[2], int: parameter[3] === "int", rest: parameter[1] === "*" };
      }),
    };
  });
}

/** ASP.NET's int constraint: an Int32, as int.TryParse reads it (invariant culture). */
function isInt32(text: string): boolean {
  if (!/^[-+]?\d+$/.test(text)) return false;
  const value = Number(text);
  return value >= -2_147_483_648 && value <= 2_147_483_647;
}

export function match(route: CompiledRoute, parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [index, segment] of route.segments.entries()) {
    if (segment.rest && segment.param !== undefined) {
      params[segment.param] = parts.slice(index).map(decode).join("/");
      return params;
    }
    const part = parts[index];
    if (part === undefined || part === "") return undefined;
    if (segment.literal !== undefined) {
      if (decode(part).toLowerCase() !== segment.literal) return undefined;
    } else if (segment.param !== undefined) {
      if (segment.int && !isInt32(decode(part))) return undefined;
      params[segment.param] = decode(part);
    }
  }
  return parts.length === route.segments.length ? params : undefined;
}

export function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Literal segments, then constrained, then plain parameters, then catch-all (ASP.NET precedence). */
export function precedence(route: CompiledRoute): string {
  return route.segments
    .map((segment) =>
      segment.literal !== undefined ? "0" : segment.rest ? "3" : segment.int ? "1" : "2"
    )
    .join("");
}
