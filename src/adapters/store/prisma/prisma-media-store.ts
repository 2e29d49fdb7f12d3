import type { MediaFile, MediaStore, NewOutboundMedia, UnshownMedia } from "../../../core/ports/media.js";
import type { PrismaClient } from "./generated/client.js";

interface MediaRow {
  id: string;
  conversationId: string;
  messageId: string | null;
  direction: string;
  contentType: string | null;
  fileName: string | null;
  size: number | null;
  bytes: Uint8Array | null;
  createdAt: Date;
}

function toFile(row: MediaRow): MediaFile {
  return {
    id: row.id,
    conversationId: row.conversationId,
    ...(row.messageId ? { messageId: row.messageId } : {}),
    direction: row.direction === "outbound" ? "outbound" : "inbound",
    contentType: row.contentType ?? "application/octet-stream",
    fileName: row.fileName ?? row.id,
    size: row.size ?? row.bytes?.byteLength ?? 0,
    bytes: row.bytes ?? new Uint8Array(),
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
    const { count } = await this.prisma.media.updateMany({
      where: { id, status: "pending" },
      data: {
        status: "stored",
        contentType: file.contentType,
        fileName: file.fileName,
        size: file.bytes.byteLength,
        bytes: file.bytes as Uint8Array<ArrayBuffer>,
        storedAt: file.at,
        error: null,
      },
    });
    return count === 1;
  }

  async markUnfetched(id: string, status: "pending" | "refused" | "failed", error: string) {
    await this.prisma.media.updateMany({
      where: { id, status: "pending" },
      data: { status, error, attempts: { increment: 1 } },
    });
  }

  async saveOutbound(files: NewOutboundMedia[]) {
    if (files.length === 0) return;
    await this.prisma.media.createMany({
      data: files.map((f) => ({
        id: f.id,
        conversationId: f.conversationId,
        direction: "outbound",
        position: f.position,
        status: "stored",
        contentType: f.contentType,
        fileName: f.fileName,
        size: f.bytes.byteLength,
        bytes: f.bytes as Uint8Array<ArrayBuffer>,
        createdAt: f.at,
        storedAt: f.at,
      })),
      skipDuplicates: true,
    });
  }

  async filesOf(messageIds: string[]): Promise<MediaFile[]> {
    if (messageIds.length === 0) return [];
    const rows = await this.prisma.media.findMany({
      where: { messageId: { in: messageIds }, status: "stored" },
      orderBy: [{ createdAt: "asc" }, { position: "asc" }],
    });
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
    const row = await this.prisma.media.findFirst({ where: { id, status: "stored" } });
    return row ? toFile(row) : undefined;
  }

  async deleteOlderThan(cutoff: Date, limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM "Media" WHERE "id" IN (
        SELECT "id" FROM "Media" WHERE "createdAt" < ${cutoff} ORDER BY "createdAt" LIMIT ${limit}
      )`;
  }
}
