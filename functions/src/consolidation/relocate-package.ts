import JSZip from "jszip";
import type { Relocation } from "./workbook-layout";

/**
 * A new package with an upload's parts where exceljs reads them (workbook-layout.ts says which
 * and why). Run only after the inspection has counted those very parts against the limits, so
 * nothing here can inflate more than was counted. Stored uncompressed: it is read at once, in
 * the same worker, and compressing it again would only cost time.
 */
export async function relocatePackage(bytes: Buffer, relocation: Relocation): Promise<Buffer> {
  const source = await JSZip.loadAsync(bytes);
  const target = new JSZip();
  for (const [to, from] of relocation.copy) {
    const part = source.file(from);
    if (part === null) throw new Error(`${from} is missing from the package`);
    target.file(to, await part.async("nodebuffer"));
  }
  for (const [to, text] of relocation.write) target.file(to, text);
  return target.generateAsync({ type: "nodebuffer", compression: "STORE" });
}
