import fc from "fast-check";

/**
 * JSON bodies for the endpoint fuzz: a valid body mutated (keys removed, values of the wrong
 * type, extreme numbers, long and Thai strings, deep nesting, duplicates, unknown keys), written
 * as text by `writeJson`, which can also write what JSON.stringify cannot: numbers as the
 * caller types them (1e999, -0, 9007199254740993) and a key given twice.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

export class DuplicateKeys {
  constructor(readonly entries: [string, unknown][]) {}
}

export function writeJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof DuplicateKeys)
    return `{${value.entries.map(([key, item]) => `${JSON.stringify(key)}:${writeJson(item)}`).join(",")}}`;
  if (Array.isArray(value)) return `[${value.map(writeJson).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}:${writeJson(item)}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "null";
}

const THAI = ["สิ่งแวดล้อมอัจฉริยะ", "เทศบาลนครภูเก็ต", "๑๒๓", "ร้อยละ ๘๐", "ใช่", "ไม่ใช่"];

/** Values that break assumptions: numbers at and past the edges, odd text, other types. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    new RawJson("1e999"),
    new RawJson("-1e999"),
    new RawJson("-0"),
    new RawJson("1e-400"),
    new RawJson("9007199254740993"),
    new RawJson("123456789012345678901234567890"),
    new RawJson("1E+2"),
    -1,
    0,
    100.0000001,
    1e308,
    5e-324,
    2147483648,
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "",
    " ",
    "0x10",
    "%E0%B8",
    "\u0000",
    '"quoted"',
    "\\",
    "😀",
    null,
    true,
    false,
    [],
    {},
    "a".repeat(3000),
    "ก".repeat(2500)
  ),
  fc.constantFrom(...THAI),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 })
);

/** A key no schema knows, or one that means something to JavaScript. */
const oddKey = fc.oneof(
  fc.constantFrom("unknown", "ruleset", "__proto__", "constructor", "toString", "", "ด้านใหม่"),
  fc.string({ maxLength: 8 })
);

function nested(depth: number, inner: unknown): unknown {
  let value = inner;
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { a: value };
  return value;
}

type Path = (string | number)[];

function pathsOf(value: unknown, path: Path = [], into: Path[] = []): Path[] {
  into.push(path);
  if (Array.isArray(value)) value.forEach((item, index) => pathsOf(item, [...path, index], into));
  else if (
    value !== null &&
    typeof value === "object" &&
    !(value instanceof RawJson) &&
    !(value instanceof DuplicateKeys)
  )
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...path, key], into);
  return into;
}

/** Sets an own property, even `__proto__`, as JSON.parse would. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

type Mutation =
  | { kind: "remove" | "duplicate" | "retype"; at: number }
  | { kind: "replace"; at: number; value: unknown }
  | { kind: "addKey"; at: number; key: string; value: unknown }
  | { kind: "nest"; at: number; depth: number }
  | { kind: "twice"; at: number; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom("remove", "duplicate", "retype"), at: fc.nat() }),
  fc.record({ kind: fc.constant("replace"), at: fc.nat(), value: oddValue }),
  fc.record({ kind: fc.constant("addKey"), at: fc.nat(), key: oddKey, value: oddValue }),
  fc.record({ kind: fc.constant("nest"), at: fc.nat(), depth: fc.integer({ min: 5, max: 80 }) }),
  fc.record({ kind: fc.constant("twice"), at: fc.nat(), value: oddValue })
) as fc.Arbitrary<Mutation>;

function apply(root: unknown, change: Mutation): unknown {
  const paths = pathsOf(root);
  const path = paths[change.at % paths.length];
  if (path.length === 0) {
    if (change.kind === "replace") return change.value;
    if (change.kind === "nest") return nested(change.depth, root);
    if (change.kind === "retype") return Array.isArray(root) ? { ...root } : [root];
    if (change.kind === "addKey" && isPlainObject(root)) define(root, change.key, change.value);
    return root;
  }
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  const parent = parentPath.reduce<unknown>(
    (at, step) => (at as Record<string | number, unknown>)[step],
    root
  ) as Record<string | number, unknown>;
  const current = parent[key as string];
  switch (change.kind) {
    case "remove":
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case "duplicate":
      if (Array.isArray(parent)) parent.push(structuredCloneOf(current));
      break;
    case "retype":
      parent[key as string] =
        typeof current === "string"
          ? Number(current) || 7
          : typeof current === "number"
            ? String(current)
            : Array.isArray(current)
              ? { 0: current[0] }
              : current !== null && typeof current === "object"
                ? Object.values(current)
                : String(current);
      break;
    case "replace":
      parent[key as string] = change.value;
      break;
    case "addKey":
      if (isPlainObject(current)) define(current, change.key, change.value);
      else parent[key as string] = change.value;
      break;
    case "nest":
      parent[key as string] = nested(change.depth, current);
      break;
    case "twice":
      if (isPlainObject(current))
        parent[key as string] = new DuplicateKeys([
          ...Object.entries(current),
          [Object.keys(current)[0] ?? "a", change.value],
        ]);
      break;
  }
  return root;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    !(value instanceof RawJson) &&
    !(value instanceof DuplicateKeys)
  );
}

function structuredCloneOf(value: unknown): unknown {
  return value instanceof RawJson || value instanceof DuplicateKeys
    ? value
    : structuredClone(value);
}

/** Damage to the text itself: cut short, a stray character, not JSON at all, nothing. */
const textDamage = fc.oneof(
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.constantFrom("{", "]", ",", '"', "\\", "\u0000"),
  }),
  fc.constantFrom(
    { kind: "replace" as const, text: "" },
    { kind: "replace" as const, text: "   " },
    { kind: "replace" as const, text: "not json" },
    { kind: "replace" as const, text: "null" },
    { kind: "replace" as const, text: "[]" },
    { kind: "replace" as const, text: '"text"' },
    { kind: "replace" as const, text: "\uFEFF{}" }
  )
);

/**
 * A body from `valid`: mostly as is or with one to three mutations, sometimes with the text
 * damaged afterwards.
 */
export function mutatedJson(valid: () => unknown): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.oneof(
        { weight: 3, arbitrary: fc.constant([]) },
        { weight: 4, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 1 }) },
        { weight: 3, arbitrary: fc.array(mutation, { minLength: 2, maxLength: 3 }) }
      ),
      fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: textDamage })
    )
    .map(([changes, damage]) => {
      let value = structuredClone(valid());
      for (const change of changes) value = apply(value, change);
      const text = writeJson(value);
      if (damage === null) return text;
      if (damage.kind === "cut") return text.slice(0, damage.at % (text.length + 1));
      if (damage.kind === "insert") {
        const at = damage.at % (text.length + 1);
        return text.slice(0, at) + damage.text + text.slice(at);
      }
      return damage.text;
    });
}
