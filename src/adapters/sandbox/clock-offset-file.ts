import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Logger } from "../../core/ports/logger.js";
import { parseDatabaseUrl } from "../store/prisma/database-url.js";

/** How far the sandbox's fast clock runs ahead, kept across restarts. */
export interface ClockOffsetStore {
  /** The offset saved last, or 0 when none was. */
  read(): number;
  save(offsetMs: number): void;
}

const FILE_NAME = "sandbox-clock.json";

/**
 * Where the offset is kept: inside the embedded database's own directory, so it lives and goes
 * with the data it stamped. An in-memory database forgets everything on a restart, the clock too;
 * a PostgreSQL server has no directory here, so the offset is not kept (see the README).
 */
export function clockOffsetPath(databaseUrl: string | undefined): string | undefined {
  try {
    const target = parseDatabaseUrl(databaseUrl);
    return target.kind === "pglite" && target.storage === "file" ? path.join(target.dataDir, FILE_NAME) : undefined;
  } catch {
    return undefined; // a bad DATABASE_URL is reported when the database opens
  }
}

/** The offset in a small JSON file; without a path, nothing is kept. */
export function clockOffsetFile(file: string | undefined, logger: Logger): ClockOffsetStore {
  return {
    read() {
      if (!file) return 0;
      try {
        const { offsetMs } = JSON.parse(readFileSync(file, "utf8")) as { offsetMs?: unknown };
        return typeof offsetMs === "number" && Number.isFinite(offsetMs) && offsetMs > 0 ? offsetMs : 0;
      } catch {
        return 0; // never moved (no file yet), or unreadable: real time
      }
    },
    save(offsetMs) {
      if (!file) return;
      try {
        // Written whole, then renamed: a crash mid-write leaves the previous offset, not half a file.
        writeFileSync(`${file}.tmp`, JSON.stringify({ offsetMs }));
        renameSync(`${file}.tmp`, file);
      } catch (error) {
        logger.warn(
          { err: error, file },
          "sandbox: the fast clock's offset could not be saved; a restart will forget it",
        );
      }
    },
  };
}
