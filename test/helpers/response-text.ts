import { Readable } from "node:stream";

/**
 * A handler's response body as text, read as a fetch Response reads it (@azure/functions'
 * HttpResponse wraps the body in one): a stream through a web stream, which refuses any chunk
 * but a Uint8Array, as strict as the library's type for a streamed body
 * (`HttpResponseBodyInit`, `AsyncIterable<Uint8Array>`, in types/http.d.ts).
 */
export async function responseText(body: unknown): Promise<string> {
  if (body === undefined || body === null) return "";
  if (typeof body === "string") return body;
  if (body instanceof Readable) return new Response(Readable.toWeb(body) as ReadableStream).text();
  throw new Error(`a body this test does not read: ${Object.prototype.toString.call(body)}`);
}
