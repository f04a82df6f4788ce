/**
 * The structure of an OLE compound file (an .xls is one; [MS-CFB]) checked before SheetJS reads
 * it: SheetJS follows sector chains as the file states them, so a file cut short or with a
 * chain that loops back on itself must be refused here, by a walk that knows every sector it
 * has seen, reads nothing past the file's end and stops at the first sector seen twice.
 *
 * Checked: the header (sector size), the FAT's own sectors (header list and DIFAT chain), the
 * directory chain, the mini FAT chain, the root's mini stream chain, and the chain of every
 * stream kept in regular sectors, which must hold the size its directory entry states. Nothing
 * is inflated (a compound file is not compressed), so its streams together are never larger
 * than the upload, which the upload limit already bounds.
 */
export type CompoundFileProblem =
  | { kind: "truncated"; detail: string }
  | { kind: "cycle"; chain: string }
  | { kind: "malformed"; detail: string };

const END_OF_CHAIN = 0xfffffffe;
const FREE_SECTOR = 0xffffffff;
const HEADER_BYTES = 512;
const HEADER_DIFAT_ENTRIES = 109;
const MINI_STREAM_CUTOFF = 4096;
const DIRECTORY_ENTRY_BYTES = 128;
const STREAM = 2;
const ROOT = 5;

class ChainProblem extends Error {
  constructor(readonly problem: CompoundFileProblem) {
    super(problem.kind);
  }
}

export function checkCompoundFile(bytes: Buffer): CompoundFileProblem | undefined {
  try {
    walkCompoundFile(bytes);
    return undefined;
  } catch (error) {
    if (error instanceof ChainProblem) return error.problem;
    throw error;
  }
}

function walkCompoundFile(bytes: Buffer): void {
  if (bytes.length < HEADER_BYTES)
    fail({ kind: "truncated", detail: `${bytes.length} bytes, shorter than the 512-byte header` });
  const shift = bytes.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12)
    fail({ kind: "malformed", detail: `sector size 2^${shift} is neither 512 nor 4096` });
  const sectorBytes = 1 << shift;
  const sectors = Math.ceil((bytes.length - sectorBytes) / sectorBytes);
  const sector = (id: number, what: string): Buffer => {
    if (id >= sectors)
      fail({ kind: "truncated", detail: `${what} sector ${id} lies past the end of the file` });
    return bytes.subarray((id + 1) * sectorBytes, (id + 2) * sectorBytes);
  };

  const fatSectors = bytes.readUInt32LE(0x2c);
  if (fatSectors > sectors)
    fail({ kind: "truncated", detail: `${fatSectors} FAT sectors in a file of ${sectors}` });
  const fatIds: number[] = [];
  for (let i = 0; i < HEADER_DIFAT_ENTRIES && fatIds.length < fatSectors; i++)
    fatIds.push(bytes.readUInt32LE(0x4c + i * 4));
  const seenDifat = new Set<number>();
  for (let id = bytes.readUInt32LE(0x44); fatIds.length < fatSectors;) {
    if (id === END_OF_CHAIN || id === FREE_SECTOR)
      fail({
        kind: "truncated",
        detail: `the DIFAT lists ${fatIds.length} of ${fatSectors} FAT sectors`,
      });
    if (seenDifat.has(id)) fail({ kind: "cycle", chain: "DIFAT" });
    seenDifat.add(id);
    const difat = sector(id, "DIFAT");
    const perSector = sectorBytes / 4 - 1;
    for (let i = 0; i < perSector && fatIds.length < fatSectors; i++)
      fatIds.push(difat.readUInt32LE(i * 4));
    id = difat.readUInt32LE(perSector * 4);
  }
  const fat: number[] = [];
  for (const id of fatIds) {
    const part = sector(id, "FAT");
    for (let offset = 0; offset + 4 <= part.length; offset += 4)
      fat.push(part.readUInt32LE(offset));
  }

  /** The sectors of the chain from `start`, each once; a loop or a sector past the end fails. */
  const chain = (start: number, name: string): number[] => {
    const ids: number[] = [];
    const seen = new Set<number>();
    for (let id = start; id !== END_OF_CHAIN; id = fat[id] ?? FREE_SECTOR) {
      if (id === FREE_SECTOR || id > 0xfffffffa)
        fail({ kind: "malformed", detail: `the chain of ${name} breaks at a free sector` });
      if (seen.has(id)) fail({ kind: "cycle", chain: name });
      if (id >= fat.length || id >= sectors)
        fail({
          kind: "truncated",
          detail: `${name} continues at sector ${id}, past the end of the file`,
        });
      seen.add(id);
      ids.push(id);
    }
    return ids;
  };

  const directory = Buffer.concat(
    chain(bytes.readUInt32LE(0x30), "the directory").map((id) => sector(id, "directory"))
  );
  const miniFatStart = bytes.readUInt32LE(0x3c);
  if (bytes.readUInt32LE(0x40) > 0) chain(miniFatStart, "the mini FAT");
  for (
    let offset = 0;
    offset + DIRECTORY_ENTRY_BYTES <= directory.length;
    offset += DIRECTORY_ENTRY_BYTES
  ) {
    const type = directory[offset + 0x42];
    if (type !== STREAM && type !== ROOT) continue;
    const nameBytes = Math.min(directory.readUInt16LE(offset + 0x40), 64);
    const name = directory
      .subarray(offset, offset + Math.max(nameBytes - 2, 0))
      .toString("utf16le");
    const start = directory.readUInt32LE(offset + 0x74);
    const size = directory.readUInt32LE(offset + 0x78);
    // Small streams live in the mini stream (the root's chain, walked with the root).
    if (type === STREAM && size < MINI_STREAM_CUTOFF) continue;
    if (size === 0) continue;
    const held = chain(start, `the stream "${name}"`).length * sectorBytes;
    if (held < size)
      fail({
        kind: "truncated",
        detail: `the stream "${name}" states ${size} bytes, its sectors hold ${held}`,
      });
  }
}

function fail(problem: CompoundFileProblem): never {
  throw new ChainProblem(problem);
}
