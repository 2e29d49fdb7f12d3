import { judgeReplyRate, THROTTLE_LOOKBACK_MS, type ThrottleVerdict } from "../compliance/reply-throttle.js";
import type { Conversation, StoredMessage } from "../conversation/conversation.js";
import type { CoreDeps } from "./core-deps.js";
import { HISTORY_LIMIT, postCustomerTexts, requestHandoff } from "./inbound-turn-parts.js";

/** Messages of the last ten minutes the flood guard reads when the history is too short: past its limits either way. */
const RATE_LOOKBACK_LIMIT = 100;

/**
 * The flood and loop guard over the last ten minutes, this turn's texts included. A person who
 * handed the conversation back to the AI has seen what came before: only what came since counts.
 */
export async function judgeRate(
  deps: CoreDeps,
  conversation: Conversation,
  history: StoredMessage[],
  texts: StoredMessage[],
): Promise<{ verdict: ThrottleVerdict; handedBackAt?: Date }> {
  const { store, clock } = deps;
  const now = clock.now();
  const lookback = new Date(now.getTime() - THROTTLE_LOOKBACK_MS);
  // The history holds the whole ten minutes when it is the whole conversation or reaches back
  // past them; only a busy thread needs a longer look.
  const covered = history.length < HISTORY_LIMIT || history[0]!.createdAt.getTime() < lookback.getTime();
  const older = covered
    ? []
    : await store.listMessages(conversation.id, RATE_LOOKBACK_LIMIT, {
        since: lookback,
        inboundUpTo: texts.at(-1)!.createdAt,
      });
  const byId = new Map(
    [...older, ...history, ...texts].filter((m) => m.direction !== "internal").map((m) => [m.id, m]),
  );
  const timed = [...byId.values()]
    .map((m) => ({ author: m.author, body: m.body, at: m.createdAt }))
    .sort((x, y) => x.at.getTime() - y.at.getTime());
  const verdict = judgeReplyRate(timed, now);
  // Only a pause looks further: a hand back is rare, and what it changes is a pause.
  if (!verdict.quiet) return { verdict };
  const handedBackAt = await store.lastHandBackAt(conversation.id);
  return handedBackAt ? { verdict: judgeReplyRate(timed, now, { since: handedBackAt }), handedBackAt } : { verdict };
}

/**
 * Flood or loop: the AI does not answer, and people are told why, once per ten minutes (and
 * again after a person handed the conversation back), on the card's thread (a card is raised
 * if there is none yet).
 */
export async function pauseAi(
  deps: CoreDeps,
  texts: StoredMessage[],
  conversation: Conversation,
  verdict: { reason: "flood" | "loop"; explanation: string },
  handedBackAt?: Date,
): Promise<void> {
  const { store, clock, staffChat } = deps;
  const at = clock.now();
  const window = Math.floor(at.getTime() / 600_000);
  const since = handedBackAt ? `:${handedBackAt.getTime()}` : "";
  if (!(await store.takeDelivery(`ai-paused:${conversation.id}:${window}${since}`))) {
    if (conversation.thread) await postCustomerTexts(deps, conversation.thread, texts);
    return;
  }
  await store.appendEvent({
    conversationId: conversation.id,
    type: "ai_paused",
    actor: "system",
    data: { reason: verdict.reason, why: verdict.explanation },
    at,
  });
  const why = `The AI stopped answering this number: ${verdict.explanation}. A person should look; the AI answers again once the texts slow down.`;
  const raised =
    conversation.status === "ai" &&
    (await requestHandoff(deps, conversation, {
      department: conversation.department,
      intent: conversation.intent ?? "unknown",
      disposition: "handoff",
      handoffReason: "ai_paused",
      reason: why,
      reply: "",
      lead: {},
      frustration: 0,
      summary: conversation.summary ?? "",
      source: "reply-throttle",
    }));
  if (conversation.thread) {
    await postCustomerTexts(deps, conversation.thread, texts);
    if (!raised) await staffChat.postInThread(conversation.thread, { kind: "warning", text: why });
  }
}
