/**
 * A workbook the service sent, handed to the user: saved as a file through the browser, or
 * encoded for Excel's insertWorksheetsFromBase64 (which takes the bare base64 of the file, no
 * `data:` prefix).
 */

/** Saves a blob as a download named `fileName`: an object URL on an <a download>, clicked. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the URL after the click returns; a minute later the download has it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The bytes as base64, without a `data:` prefix. */
export async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = "";
  // In slices: String.fromCharCode(...bytes) on a whole workbook would overflow the call stack.
  const SLICE = 0x8000;
  for (let start = 0; start < bytes.length; start += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(start, start + SLICE));
  }
  return btoa(binary);
}
