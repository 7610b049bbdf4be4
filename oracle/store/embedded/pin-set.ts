// Pins of the embedded store: one file per pinned root in a folder, named by the CID. A pin is
// written to a temporary name, flushed and renamed, so after a crash a pin is either there in
// full or not at all, and a restart keeps every pin that was acknowledged.
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { CID } from "multiformats/cid";
import { cidKey } from "../cid.ts";

export class PinSet {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  async add(cid: CID): Promise<void> {
    const key = cidKey(cid);
    const temp = join(this.dir, `.${key}.${process.pid}.${Date.now()}.tmp`);
    const file = await open(temp, "w");
    try {
      await file.writeFile(`${JSON.stringify({ cid: key, pinnedAt: new Date().toISOString() })}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, join(this.dir, key));
    // The rename is durable once the folder itself is flushed.
    const folder = await open(this.dir, "r");
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  }

  async remove(cid: CID): Promise<void> {
    await rm(join(this.dir, cidKey(cid)), { force: true });
  }

  async has(cid: CID): Promise<boolean> {
    try {
      await stat(join(this.dir, cidKey(cid)));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw err;
    }
  }

  async list(): Promise<CID[]> {
    const names = await readdir(this.dir);
    return names.filter((n) => !n.startsWith(".")).map((n) => CID.parse(n));
  }
}
