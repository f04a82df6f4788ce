import { inflateSync } from "node:zlib";

/** A PNG's size and, for 8-bit RGBA images, its pixels as [r, g, b, a] bytes in rows. */
export interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  /** Only for 8-bit RGBA (color type 6), non-interlaced: the decoded bytes, 4 per pixel. */
  rgba?: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The PNG's header (IHDR) and, where it is 8-bit RGBA, its unfiltered pixels (PNG spec §9). */
export function readPng(file: Buffer): Png {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG");
  let offset = 8;
  let header: Png | undefined;
  let interlaced = false;
  const data: Buffer[] = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString("latin1", offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        bitDepth: body[8],
        colorType: body[9],
      };
      interlaced = body[12] !== 0;
    } else if (type === "IDAT") data.push(body);
    offset += 12 + length;
  }
  if (!header) throw new Error("a PNG without IHDR");
  if (header.bitDepth !== 8 || header.colorType !== 6 || interlaced) return header;
  return {
    ...header,
    rgba: unfilter(inflateSync(Buffer.concat(data)), header.width, header.height),
  };
}

function unfilter(raw: Buffer, width: number, height: number): Uint8Array {
  const bpp = 4;
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= bpp ? out[y * stride + x - bpp] : 0;
      const up = y > 0 ? out[(y - 1) * stride + x] : 0;
      const upLeft = y > 0 && x >= bpp ? out[(y - 1) * stride + x - bpp] : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predictor === undefined) throw new Error(`unknown PNG filter ${filter}`);
      out[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
