import type { Conversation, StoredMessage } from "../conversation/conversation.js";
import type { CoreDeps } from "./core-deps.js";
import { requestHandoff } from "./inbound-turn-parts.js";
import { postCustomerText } from "./media/show-customer-media.js";

/**
 * "I'm good, don't need anything else from you guys": maybe a revocation, maybe not. Baton
 * neither opts the number out on a guess nor answers as if nothing was said: a person reads
 * it, flagged, and the AI sends nothing until someone decides.
 */
export async function askPersonAboutConsent(
  deps: CoreDeps,
  message: StoredMessage,
  conversation: Conversation,
  revokes: number,
  judgedBy = "judged",
): Promise<void> {
  const { store, clock, staffChat } = deps;
  const why = `This text may withdraw consent to be texted (${judgedBy} ${Math.round(revokes * 100)}% likely). The AI sends nothing; a person decides, and opts the number out if so.`;
  await store.appendEvent({
    conversationId: conversation.id,
    type: "consent_unsure",
    actor: "system",
    data: { text: message.body, revokes, judgedBy },
    at: clock.now(),
  });
  const raised =
    conversation.status === "ai" &&
    (await requestHandoff(deps, conversation, {
      department: "general",
      intent: "may_opt_out",
      disposition: "handoff",
      handoffReason: "may_opt_out",
      reason: why,
      reply: "",
      lead: {},
      frustration: 0,
      summary: conversation.summary ?? `The customer wrote: "${message.body.trim().slice(0, 200)}"`,
      source: "consent-judge",
    }));
  // Already with a person (pending for another reason, or claimed): the doubt is recorded all the
  // same, so the gateway holds every automated text until someone decides.
  if (!raised) await store.updateConversation(conversation.id, { handoffReason: "may_opt_out" });
  if (!conversation.thread) return;
  // With its pictures: the person deciding sees what came with the words.
  await postCustomerText(deps, conversation.thread, message);
  if (!raised) await staffChat.postInThread(conversation.thread, { kind: "warning", text: why });
}
