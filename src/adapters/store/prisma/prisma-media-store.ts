import type { MediaFile, MediaStore, NewOutboundMedia, UnshownMedia } from "../../../core/ports/media.js";
import { Prisma, type PrismaClient } from "./generated/client.js";
import { sqlRows, sqlRun } from "./direct-sql.js";

interface MediaRow {
  id: string;
  conversationId: string;
  messageId: string | null;
  direction: string;
  contentType: string | null;
  fileName: string | null;
  size: number | null;
  /** The bytes as base64 text (see FILE_COLUMNS). */
  bytes: string | null;
  createdAt: Date;
}

/**
 * Bytes cross the driver as base64 text (encode/decode in SQL), not as a bytea parameter: PGlite turns
 * a bytea value into hex one byte at a time, which for a 5 MB photo held the event loop for seconds
 * and took hundreds of MB; a string goes through in one piece on PGlite and PostgreSQL alike.
 */
const FILE_COLUMNS = Prisma.sql`"id", "conversationId", "messageId", "direction", "contentType", "fileName", "size",
  encode("bytes", 'base64') AS "bytes", "createdAt"`;

const toBase64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");

function toFile(row: MediaRow): MediaFile {
  return {
    id: row.id,
    conversationId: row.conversationId,
    ...(row.messageId ? { messageId: row.messageId } : {}),
    direction: row.direction === "outbound" ? "outbound" : "inbound",
    contentType: row.contentType ?? "application/octet-stream",
    fileName: row.fileName ?? row.id,
    size: row.size ?? 0,
    // encode(…, 'base64') breaks lines every 76 characters; Buffer.from skips the newlines.
    bytes: row.bytes ? Buffer.from(row.bytes, "base64") : new Uint8Array(),
    createdAt: row.createdAt,
  };
}

/** Files in PostgreSQL (bytea), so every replica can show and send every file. */
export class PrismaMediaStore implements MediaStore {
  constructor(private readonly prisma: PrismaClient) {}

  async pendingOf(messageIds: string[]) {
    if (messageIds.length === 0) return [];
    const rows = await this.prisma.media.findMany({
      where: { messageId: { in: messageIds }, status: "pending", providerUrl: { not: null } },
      select: { id: true, messageId: true, providerUrl: true, attempts: true },
      orderBy: [{ createdAt: "asc" }, { position: "asc" }],
    });
    return rows.map((r) => ({ id: r.id, messageId: r.messageId!, providerUrl: r.providerUrl!, attempts: r.attempts }));
  }

  async storeFetched(id: string, file: { contentType: string; fileName: string; bytes: Uint8Array; at: Date }) {
    const stored = await sqlRun(
      this.prisma,
      Prisma.sql`
      UPDATE "Media" SET "status" = 'stored', "contentType" = ${file.contentType}, "fileName" = ${file.fileName},
        "size" = ${file.bytes.byteLength}, "bytes" = decode(${toBase64(file.bytes)}, 'base64'), "storedAt" = ${file.at}, "error" = NULL
      WHERE "id" = ${id} AND "status" = 'pending'`,
    );
    return stored === 1;
  }

  async markUnfetched(id: string, status: "pending" | "refused" | "failed", error: string) {
    await this.prisma.media.updateMany({
      where: { id, status: "pending" },
      data: { status, error, attempts: { increment: 1 } },
    });
  }

  async saveOutbound(files: NewOutboundMedia[]) {
    // One row at a time: a reply carries at most ten files, and each statement stays one file's size.
    for (const f of files)
      await sqlRun(
        this.prisma,
        Prisma.sql`
        INSERT INTO "Media" ("id", "conversationId", "direction", "position", "status", "contentType", "fileName", "size", "bytes", "createdAt", "storedAt")
        VALUES (${f.id}, ${f.conversationId}, 'outbound', ${f.position}, 'stored', ${f.contentType}, ${f.fileName},
          ${f.bytes.byteLength}, decode(${toBase64(f.bytes)}, 'base64'), ${f.at}, ${f.at})
        ON CONFLICT ("id") DO NOTHING`,
      );
  }

  async filesOf(messageIds: string[], options: { newest?: number } = {}): Promise<MediaFile[]> {
    if (messageIds.length === 0) return [];
    const rows = await sqlRows<MediaRow>(
      this.prisma,
      Prisma.sql`
      SELECT * FROM (
        SELECT ${FILE_COLUMNS}, "position" FROM "Media"
        WHERE "messageId" = ANY(${messageIds}::text[]) AND "status" = 'stored'
        ORDER BY "createdAt" DESC, "position" DESC
        LIMIT ${options.newest ?? 1000}
      ) AS newest
      ORDER BY "createdAt", "position"`,
    );
    return rows.map(toFile);
  }

  async unshownOf(messageIds: string[]): Promise<UnshownMedia[]> {
    if (messageIds.length === 0) return [];
    const rows = await this.prisma.media.findMany({
      where: { messageId: { in: messageIds }, status: { in: ["pending", "refused", "failed"] } },
      select: { id: true, messageId: true, status: true, error: true },
      orderBy: [{ createdAt: "asc" }, { position: "asc" }],
    });
    return rows.map((r) => ({
      id: r.id,
      messageId: r.messageId!,
      status: r.status as UnshownMedia["status"],
      ...(r.error ? { error: r.error } : {}),
    }));
  }

  async idsOf(messageId: string): Promise<string[]> {
    const rows = await this.prisma.media.findMany({
      where: { messageId, status: "stored" },
      select: { id: true },
      orderBy: { position: "asc" },
    });
    return rows.map((r) => r.id);
  }

  async read(id: string): Promise<MediaFile | undefined> {
    const rows = await sqlRows<MediaRow>(
      this.prisma,
      Prisma.sql`
      SELECT ${FILE_COLUMNS} FROM "Media" WHERE "id" = ${id} AND "status" = 'stored'`,
    );
    return rows[0] ? toFile(rows[0]) : undefined;
  }

  async open(id: string, chunkBytes: number) {
    const rows = await sqlRows<Omit<MediaRow, "bytes">>(
      this.prisma,
      Prisma.sql`
      SELECT "id", "conversationId", "messageId", "direction", "contentType", "fileName", "size", "createdAt"
      FROM "Media" WHERE "id" = ${id} AND "status" = 'stored'`,
    );
    const row = rows[0];
    if (!row) return undefined;
    const { bytes: _none, ...file } = toFile({ ...row, bytes: null });
    const prisma = this.prisma;
    // substring() of a bytea counts bytes from 1: one statement per piece, each piece's size in memory.
    async function* chunks() {
      for (let from = 1; from <= file.size; from += chunkBytes) {
        const piece = await sqlRows<{ piece: string | null }>(
          prisma,
          Prisma.sql`
          SELECT encode(substring("bytes" FROM ${from}::int FOR ${chunkBytes}::int), 'base64') AS "piece"
          FROM "Media" WHERE "id" = ${id} AND "status" = 'stored'`,
        );
        if (!piece[0]?.piece) return; // deleted meanwhile (retention): the answer ends short
        yield Buffer.from(piece[0].piece, "base64");
      }
    }
    return { file, chunks: chunks() };
  }

  async deleteOlderThan(cutoff: Date, limit: number): Promise<number> {
    return sqlRun(
      this.prisma,
      Prisma.sql`
      DELETE FROM "Media" WHERE "id" IN (
        SELECT "id" FROM "Media" WHERE "createdAt" < ${cutoff} ORDER BY "createdAt" LIMIT ${limit}
      )`,
    );
  }
}
