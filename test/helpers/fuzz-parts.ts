import fc from "fast-check";

/**
 * Pieces of the endpoint fuzz's requests (fuzz-requests.ts): ruleset versions as a path or a form
 * field gives them, and multipart uploads for POST /api/consolidate.
 */
const VERSIONS = [
  "1",
  "2",
  "0",
  "-1",
  "+1",
  "01",
  "2147483647",
  "2147483648",
  "99999999999999999999",
  "abc",
  "1.5",
  "1e3",
  "๑",
  "%",
  "%E0%B8",
  "%ZZ",
  "%2F",
  "%00",
  "..",
  "%20",
];

export const version = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("1", "1", "2", "3") },
  { weight: 3, arbitrary: fc.constantFrom(...VERSIONS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }).map(encodeURIComponent) }
);

/** Undefined, but one time in `n` a value of `arbitrary`. */
export function rarely<T>(arbitrary: fc.Arbitrary<T>, n: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: n - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
}

export const BOUNDARY = "fuzz-boundary-7d3c";

/** A multipart upload: fields and files in some order, some names and bytes wrong, sometimes cut. */
export function multipart(files: Buffer[]): fc.Arbitrary<Buffer> {
  const field = fc.record({
    kind: fc.constant("field" as const),
    name: fc.constantFrom("rulesetVersion", "rulesetVersion", "files", "other", ""),
    value: version,
  });
  const file = fc.record({
    kind: fc.constant("file" as const),
    name: fc.constantFrom("files", "files", "files", "file"),
    filename: fc.constantFrom(
      "somchai.xlsx",
      "ผลการประเมิน.xlsx",
      "../x.xlsx",
      "",
      'a"b.xlsx',
      `${"a".repeat(300)}.xlsx`,
      "scores.csv"
    ),
    bytes: fc.nat().map((index) => files[index % files.length]),
    cut: rarely(fc.nat(), 6),
  });
  return fc
    .tuple(
      fc.oneof(
        { weight: 3, arbitrary: fc.tuple(file).map((one) => [...one]) },
        { weight: 2, arbitrary: fc.tuple(field, file, file).map((three) => [...three]) },
        { weight: 2, arbitrary: fc.array(fc.oneof(field, file), { maxLength: 3 }) }
      ),
      rarely(fc.nat(), 10)
    )
    .map(([parts, cutAt]) => {
      const pieces: Buffer[] = [];
      for (const part of parts) {
        if (part.kind === "field") {
          pieces.push(
            Buffer.from(
              `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${decodeSafely(part.value)}\r\n`
            )
          );
        } else {
          const bytes =
            part.cut === undefined
              ? part.bytes
              : part.bytes.subarray(0, part.cut % (part.bytes.length + 1));
          pieces.push(
            Buffer.from(
              `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`
            ),
            bytes,
            Buffer.from("\r\n")
          );
        }
      }
      pieces.push(Buffer.from(`--${BOUNDARY}--\r\n`));
      const body = Buffer.concat(pieces);
      return cutAt === undefined ? body : body.subarray(0, cutAt % (body.length + 1));
    });
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
