import type { webApi } from "@slack/bolt";

const TTL_MS = 10 * 60_000;
const cache = new Map<string, { name: string; until: number }>();

/**
 * The rep's name as colleagues and customers know it (display name, else real name).
 * Cached briefly: a busy thread must not cost a users.info call per line.
 */
export async function resolveMemberName(client: webApi.WebClient, userId: string, fallback?: string): Promise<string> {
  const hit = cache.get(userId);
  if (hit && hit.until > Date.now()) return hit.name;
  try {
    const { user } = await client.users.info({ user: userId });
    const name =
      user?.profile?.display_name || user?.real_name || user?.profile?.real_name || user?.name || fallback || userId;
    cache.set(userId, { name, until: Date.now() + TTL_MS });
    return name;
  } catch {
    return fallback ?? userId;
  }
}
