// @ts-check
// The shapes the sandbox page reads, for tsc only: this module has no code and the browser never
// loads it (the other modules name its types as `import("./types.js").Name` in their JSDoc).
// The feed's events mirror SandboxEvent in ../sandbox-feed.ts; the people mirror ../sandbox-people.ts.

// ---- Slack's Block Kit, as far as the page draws it (see block-kit.js) ----

/**
 * A Block Kit text object.
 * @typedef {object} TextObject
 * @property {"mrkdwn" | "plain_text"} type
 * @property {string} text
 * @property {boolean} [emoji]
 */

/**
 * The dialog a button asks before it acts.
 * @typedef {object} ConfirmDialog
 * @property {TextObject} [title]
 * @property {TextObject} [text]
 * @property {TextObject} [confirm]
 * @property {TextObject} [deny]
 */

/**
 * @typedef {object} ButtonElement
 * @property {"button"} type
 * @property {TextObject} text
 * @property {string} action_id
 * @property {string} value
 * @property {"primary" | "danger"} [style]
 * @property {ConfirmDialog} [confirm]
 */

/**
 * @typedef {object} ImageElement
 * @property {"image"} type
 * @property {string} image_url
 * @property {string} alt_text
 */

/** @typedef {{ type: "header"; text: TextObject }} HeaderBlock */
/** @typedef {{ type: "section"; text?: TextObject; fields?: TextObject[] }} SectionBlock */
/** @typedef {{ type: "context"; elements: (TextObject | ImageElement)[] }} ContextBlock */
/** @typedef {{ type: "actions"; block_id?: string; elements: ButtonElement[] }} ActionsBlock */
/** @typedef {{ type: "divider" }} DividerBlock */
/** @typedef {HeaderBlock | SectionBlock | ContextBlock | ActionsBlock | DividerBlock} Block */

/**
 * What mrkdwn needs from its caller.
 * @typedef {object} MrkdwnContext
 * @property {(userId: string) => string} [nameOf] the name to show for a `<@U123>` mention
 */

/**
 * What renderBlocks needs from its caller (see its comment).
 * @typedef {object} BlockContextExtra
 * @property {(element: ButtonElement, block: ActionsBlock) => void} [onAction] a button was clicked
 * @property {(dialog: ConfirmDialog) => Promise<boolean>} [confirm] asked first for a button with a confirm
 * @property {string} [ts] the thread ts of the card drawn
 */
/** @typedef {MrkdwnContext & BlockContextExtra} BlockContext */

// ---- GET /sandbox/api/setup ----

/** @typedef {{ name: string; smsNumber: string; timezone: string }} Dealership */
/** @typedef {{ phone: string; name: string }} Customer */
/** @typedef {{ id: string; name: string; role: string }} Rep */

/**
 * @typedef {object} Setup
 * @property {Dealership} dealership
 * @property {Customer[]} customers
 * @property {Rep[]} reps
 * @property {string} channel
 * @property {{ now: string; offsetMs: number }} clock
 */

// ---- GET /sandbox/api/events: the feed (events without a time of their own have no `at`) ----

/**
 * A text on a simulated phone: `in` typed by the customer, `out` sent by the dealership.
 * @typedef {object} SmsEvent
 * @property {"sms"} type
 * @property {"in" | "out"} direction
 * @property {string} phone
 * @property {string} dealerNumber
 * @property {string} body
 * @property {string} providerId
 * @property {string} status
 * @property {number} segments
 * @property {string} encoding
 * @property {string} at
 * @property {string} [note]
 * @property {{ contentType: string }[]} [media] `in`: the files the customer attached (the page that sent them keeps copies)
 * @property {string[]} [mediaUrls] `out`: an MMS's files, at Baton's signed same-origin /media links
 */

/**
 * A simulated phone called the dealership's number and no one answered (POST /sandbox/api/call).
 * @typedef {object} CallEvent
 * @property {"call"} type
 * @property {string} phone
 * @property {string} dealerNumber
 * @property {string} callSid
 * @property {"no-answer" | "busy" | "canceled"} outcome
 * @property {string} at
 */

/**
 * What Baton does about a CallEvent's call: `text` (the text-back follows on the phone), `owner`
 * (the people in the card's thread are told), or why no text comes; `failed`: Baton did not take it.
 * @typedef {"text" | "owner" | "cooldown" | "opted_out" | "done" | "failed"} CallAction
 */

/**
 * @typedef {{ type: "call_action"; callSid: string; action: CallAction; at?: undefined }} CallActionEvent
 */

/**
 * A delivery report for an SmsEvent.
 * @typedef {{ type: "status"; providerId: string; status: string; reason?: string; at?: undefined }} StatusEvent
 */

/**
 * A handoff card posted or redrawn: the same Block Kit JSON Slack would get.
 * @typedef {object} CardEvent
 * @property {"card"} type
 * @property {string} ts
 * @property {string} channel
 * @property {string} conversationId
 * @property {string} text
 * @property {Block[]} blocks
 * @property {string} at
 */

/**
 * A file in a thread line: at Baton's signed /media link, or without one for a rep's own attachment.
 * @typedef {{ name: string; contentType: string; url?: string }} FeedFile
 */

/**
 * A line in a card's thread typed by a simulated rep.
 * @typedef {object} RepLine
 * @property {"thread"} type
 * @property {string} ts
 * @property {"rep"} kind
 * @property {{ id: string; name: string }} rep
 * @property {string} text
 * @property {boolean} [broadcast]
 * @property {string} at
 * @property {FeedFile[]} [files] what the rep attached
 * @property {string} [replyId] what POST /sandbox/api/reply answered the page that sent it
 */

/**
 * A line in a card's thread from Baton.
 * @typedef {object} BatonLine
 * @property {"thread"} type
 * @property {string} ts
 * @property {"customer" | "system" | "ai" | "warning"} kind
 * @property {string} text
 * @property {boolean} [broadcast] also shown in the channel
 * @property {string} [mention] the member id the line mentions
 * @property {string} at
 * @property {FeedFile[]} [files] files shown with the words (a customer's pictures)
 */

/** @typedef {RepLine | BatonLine} ThreadEvent */

/**
 * Seen only by one simulated rep (Slack's ephemeral message).
 * @typedef {{ type: "ephemeral"; ts?: string; userId: string; text: string; at: string }} EphemeralEvent
 */

/**
 * A post in the manager channel: an escalation or flag (`alert`), or the digest (`report`).
 * @typedef {{ type: "managers"; kind: "alert" | "report"; text: string; threadTs?: string; at: string }} ManagersEvent
 */

/**
 * The sandbox clock moved (or the page asked where it stands).
 * @typedef {{ type: "clock"; now: string; offsetMs: number; ran?: number; at?: undefined }} ClockEvent
 */

/**
 * Whether a simulated phone has signal.
 * @typedef {{ type: "signal"; phone: string; reachable: boolean; at?: undefined }} SignalEvent
 */

/**
 * Baton restarted since the page last heard from it: start over.
 * @typedef {{ type: "reset"; at?: undefined }} ResetEvent
 */

/**
 * A lead Baton would have e-mailed to the CRM's lead address: the ADF/XML document itself.
 * Every field but `id` (the feed's) holds customer-supplied text: drawn as text, never as HTML.
 * @typedef {object} AdfEvent
 * @property {"adf"} type
 * @property {number} id the feed's id for it
 * @property {string} to the CRM's lead address
 * @property {string} adf the document, as the e-mail's body
 * @property {string} conversationId
 * @property {{ name?: string; phone: string }} customer
 * @property {string} department
 * @property {string} at
 */

/**
 * One webhook delivery's JSON body (CrmWebhookEvent in src/core/crm/crm-event.ts).
 * @typedef {object} CrmWebhookBody
 * @property {string} id stable across retries: the receiver's idempotency key
 * @property {string} type "conversation.created", "handoff.requested", ...
 * @property {string} occurredAt
 * @property {{ id: string; name: string }} dealership
 * @property {{ id: string; status: string; department: string; source: string }} conversation
 * @property {{ phone: string; name?: string; email?: string; optedOut: boolean }} customer
 * @property {Record<string, unknown>} lead
 * @property {Record<string, unknown>} data
 */

/**
 * An event Baton would have posted, signed, to the CRM webhook.
 * @typedef {object} WebhookEvent
 * @property {"webhook"} type
 * @property {number} id the feed's id for it
 * @property {string} host the webhook URL's host (never its path: that may be its secret)
 * @property {CrmWebhookBody} event
 * @property {string} at when it was delivered
 */

/**
 * @typedef {SmsEvent | CallEvent | CallActionEvent | StatusEvent | CardEvent | ThreadEvent | EphemeralEvent | ManagersEvent | ClockEvent | SignalEvent | AdfEvent | WebhookEvent | ResetEvent} FeedEvent
 */

// ---- What the page keeps (state.js) ----

/**
 * A text on a phone, with its latest delivery report.
 * @typedef {SmsEvent & { reason?: string }} SmsMessage
 */

/**
 * A missed call on a phone, with what Baton does about it once known.
 * @typedef {CallEvent & { action?: CallAction }} CallLine
 */

/**
 * A phone's texts and calls, in the order they came.
 * @typedef {{ messages: (SmsMessage | CallLine)[]; unread: number; reachable: boolean }} PhoneState
 */

/**
 * An ephemeral in a card's thread.
 * @typedef {EphemeralEvent & { kind: "ephemeral" }} EphemeralReply
 */

/**
 * A line in a card's thread.
 * @typedef {ThreadEvent | EphemeralReply} Reply
 */

/**
 * A card in #handoffs and its thread. A card the page never saw (posted before Baton restarted)
 * has no conversation or time.
 * @typedef {object} Card
 * @property {string} ts
 * @property {string | null} conversationId
 * @property {Block[]} blocks
 * @property {string} text
 * @property {string | null} at
 * @property {Reply[]} replies
 */

/**
 * An item in #handoffs: a card (its ts), or a thread line also sent to the channel.
 * @typedef {{ card: string; broadcast?: undefined } | { card?: undefined; broadcast: ThreadEvent }} ChannelItem
 */

/** @typedef {"handoffs" | "managers" | "crm"} Channel */

/**
 * What the CRM pane lists: ADF leads and webhook events, as they came.
 * @typedef {AdfEvent | WebhookEvent} CrmItem
 */

/**
 * The newest ephemeral for the rep on screen; `at` is when the page got it (ms).
 * @typedef {{ text: string; userId: string; at: number }} Toast
 */

/**
 * @typedef {object} State
 * @property {Setup | null} setup null until the page has loaded it
 * @property {Map<string, PhoneState>} phones
 * @property {Map<string, SmsMessage>} byProvider
 * @property {Map<string, CallLine>} byCall callSid → the call on its phone, for what Baton does about it
 * @property {Map<string, Card>} cards
 * @property {ChannelItem[]} channelItems
 * @property {ManagersEvent[]} managers
 * @property {CrmItem[]} crm in the order they came (the pane shows the newest first)
 * @property {string | null} customer the phone shown, null until the page has loaded the setup
 * @property {string | null} rep the rep on screen, null until the page has loaded the setup
 * @property {Channel} channel
 * @property {string | null} openThread
 * @property {Record<Channel, number>} unread
 * @property {{ now: number; offsetMs: number; receivedAt: number }} clock
 * @property {Toast | null} toast
 */

// ---- Files the page attaches and shows (files.js) ----

/**
 * A file attached to a text or a thread reply, as the API takes it.
 * @typedef {{ name: string; contentType: string; data: string }} Attachment
 */

/**
 * A file to draw: a picture as an image, anything else as a link. Without a type, the image is tried first.
 * @typedef {{ url: string; contentType?: string; name?: string }} ShownFile
 */

/**
 * The answer to POST /sandbox/api/text.
 * @typedef {{ providerId: string }} TextAnswer
 */

/**
 * The answer to POST /sandbox/api/reply: with `replyId` when it carried files.
 * @typedef {{ outcome: string; replyId?: string }} ReplyAnswer
 */

/**
 * The answer to POST /sandbox/api/call.
 * @typedef {{ callSid: string; conversationId: string; action: CallAction }} CallAnswer
 */

/**
 * The answer to POST /sandbox/api/action.
 * @typedef {{ ok: true } | { ok: false; notice: string }} ActionResult
 */

export {};
