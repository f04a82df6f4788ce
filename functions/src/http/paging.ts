import type { HttpRequest } from "@azure/functions";
import { HttpError } from "./http-error";

/** `?pageSize=` of a listing: a whole number 1–1000, default 50. */
export function pageSizeOf(request: HttpRequest): number {
  const text = request.query.get("pageSize") ?? "50";
  const pageSize = Number(text);
  if (!/^\d+$/.test(text) || pageSize < 1 || pageSize > 1000) {
    throw new HttpError(400, "INVALID_REQUEST", {
      th: `ขนาดหน้าต้องเป็นจำนวนเต็ม 1–1000 ไม่ใช่ "${text}"`,
      en: `pageSize must be a whole number from 1 to 1000, not "${text}"`,
    });
  }
  return pageSize;
}

/** `?continuation=` of a listing, as the previous page's `next` gave it (checked by the store). */
export function continuationOf(request: HttpRequest): string | undefined {
  return request.query.get("continuation") ?? undefined;
}

export function invalidContinuation(why: string): HttpError {
  return new HttpError(400, "INVALID_CONTINUATION", {
    th: "ค่าสำหรับอ่านหน้าถัดไปไม่ถูกต้อง ให้ใช้ค่าที่ได้รับจากหน้าก่อนหน้าตามเดิม หรือเริ่มจากหน้าแรกโดยไม่ส่งค่านี้",
    en: `The continuation is not valid (${why}); pass the previous page's "next" as it came, or leave it out for the first page`,
  });
}
