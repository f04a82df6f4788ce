import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * One local Azurite per data folder. Azurite keeps its whole store in memory and writes it back
 * to the folder, so two of them on one folder (a second `npm start` while the first runs, whose
 * Azurite took another port because 10002 was taken) each overwrite what the other wrote: a
 * version approved with 201 on one was gone once both had stopped. The start that holds the
 * folder writes `in-use` beside it, with its process id; a later start is refused while that
 * process lives, and takes over a file that a start which died without cleaning up left behind.
 */
export type DataFolderClaim =
  { claimed: true; release: () => void } | { claimed: false; heldBy: number; file: string };

/** The claim file of a data folder: beside it, so that the folder holds only Azurite's files. */
function claimFile(folder: string): string {
  return `${folder.replace(/[\\/]+$/, "")}.in-use`;
}

/** The live process holding the folder, if another one does (a check that claims nothing). */
export function dataFolderHolder(folder: string): { pid: number; file: string } | undefined {
  const file = claimFile(folder);
  const holder = holderOf(file);
  return holder !== undefined && holder !== process.pid && isAlive(holder)
    ? { pid: holder, file: path.resolve(file) }
    : undefined;
}

export function claimDataFolder(folder: string): DataFolderClaim {
  mkdirSync(folder, { recursive: true });
  const file = claimFile(folder);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid }), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (holderOf(file) === process.pid) rmSync(file, { force: true });
      };
      process.once("exit", release); // stopped some other way than by its stoppers
      return { claimed: true, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = dataFolderHolder(folder);
      if (holder !== undefined) return { claimed: false, heldBy: holder.pid, file: holder.file };
      rmSync(file, { force: true }); // left by a start that is gone: take it over
    }
  }
  throw new Error(`could not claim ${file}`);
}

function holderOf(file: string): number | undefined {
  try {
    const { pid } = JSON.parse(readFileSync(file, "utf8")) as { pid?: unknown };
    return typeof pid === "number" && Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined; // unreadable or half written: no live holder is known
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}
