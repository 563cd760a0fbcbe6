import type { Context } from 'hono'
import * as z from 'zod'
import type { Dialogue } from '../../dialogue/engine.ts'
import { jsonError, readJson } from '../../http.ts'
import { isLocale } from '../../i18n.ts'
import type { Db } from '../../db.ts'
import type { OutboundService } from '../../outbound/outbound.ts'
import { clientAddress } from '../../http/client.ts'

/**
 * The web chat's HTTP API (DESIGN.md, issue #9): conversation ids are issued by the server, signed, and the only way
 * into a conversation. `POST /api/chat` without `conversationId` starts one and answers with its id; later calls
 * send it back; an id the server did not sign is refused (400), so nobody can read or write a conversation whose id
 * they made up or guessed — the inbox included.
 *
 * An id is 16 random bytes and a 16-byte HMAC-SHA-256 of them, base64url: 43 + 1 + 22 characters, no server state.
 */

/** Body of POST /api/chat (DESIGN.md). `messageId` is optional: a client that retries sends the same one. */
export const ChatRequest = z
  .object({
    conversationId: z.string().max(200).optional(),
    text: z.string().max(20_000).optional(),
    button: z.string().max(100).optional(),
    messageId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/).optional(),
    locale: z.string().optional(),
  })
  .refine((b) => (b.text === undefined) !== (b.button === undefined), { message: 'exactly one of text and button' })

/** How the server signs conversation ids: a secret shared by every instance. */
export interface WebChatOptions {
  /**
   * The signing secret, or where to get it (WEB_CHAT_SECRET, or one the server keeps in its database: see
   * src/secrets.ts). Every process and Workers isolate must use the same one, or an id issued by one is refused by
   * another. Without it (tests of one process), the process makes its own.
   */
  secret?: string | (() => Promise<string>)
}

const encoder = new TextEncoder()

function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

// One key per secret; the process's own random secret when none is configured, made on first use: workerd refuses
// random values in a module's global scope, and the Worker would not start at all (seen under wrangler dev).
let processSecret: string | undefined
const ownSecret = () => (processSecret ??= base64url(crypto.getRandomValues(new Uint8Array(32))))
const keys = new Map<string, Promise<CryptoKey>>()
function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret)
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(`web-chat:${secret}`), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    keys.set(secret, key)
  }
  return key
}

async function mac(secret: string, nonce: string): Promise<string> {
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', await keyFor(secret), encoder.encode(nonce)))
  return base64url(signature.slice(0, 16))
}

const ID = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/

/** Issues and checks conversation ids. */
export interface ConversationIds {
  issue(): Promise<string>
  /** Whether `id` is one this server issued (constant work whatever the id). */
  issued(id: string): Promise<boolean>
}

export function conversationIds(options: WebChatOptions = {}): ConversationIds {
  const given = options.secret ?? ownSecret()
  const secret = typeof given === 'string' ? async () => given : given
  return {
    async issue() {
      const nonce = base64url(crypto.getRandomValues(new Uint8Array(16)))
      return `${nonce}.${await mac(await secret(), nonce)}`
    },
    async issued(id) {
      const match = ID.exec(id)
      if (!match) return false
      const expected = await mac(await secret(), match[1]!)
      // Compared in constant time: the signature must not be guessable byte by byte.
      let diff = 0
      for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ (match[2]!.charCodeAt(i) || 0)
      return diff === 0
    },
  }
}

/** POST /api/chat: the web chat (and any HTTP client) talking to the same dialogue as Telegram and Zalo. */
export function webChat(dialogue: Dialogue, now: () => Date, trustedProxies: readonly string[] = [], options: WebChatOptions = {}) {
  const ids = conversationIds(options)
  return async (c: Context) => {
    const body = await readJson(c)
    if (!body) return jsonError(c, 400, 'not_json')
    const parsed = ChatRequest.safeParse(body.json)
    if (!parsed.success) return jsonError(c, 400, 'bad_shape', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))
    const req = parsed.data
    if (req.conversationId !== undefined && !(await ids.issued(req.conversationId))) return jsonError(c, 400, 'unknown_conversation')
    const conversationId = req.conversationId ?? (await ids.issue())
    const outcome = await dialogue.handle({
      channel: 'web',
      userId: conversationId,
      messageId: req.messageId ?? crypto.randomUUID(),
      at: now(),
      content: req.button !== undefined ? { kind: 'button', value: req.button } : { kind: 'text', text: req.text ?? '' },
      ...(isLocale(req.locale) ? { localeHint: req.locale } : {}),
      clientAddress: clientAddress(c, trustedProxies),
    })
    // A retried request whose first attempt was processed: the client already has (or lost) those replies.
    if (outcome.duplicate) return c.json({ conversationId, replies: [], duplicate: true })
    return c.json({ conversationId, replies: outcome.replies })
  }
}

/**
 * GET /api/chat/inbox?conversationId=…: messages queued for this web conversation (an officer's answer), handed over
 * once, and only to the holder of the id the server issued. The page polls it; the web has no push.
 */
export function webInbox(db: Db, outbound: Pick<OutboundService, 'takeForWeb'>, now: () => Date, options: WebChatOptions = {}) {
  const ids = conversationIds(options)
  return async (c: Context) => {
    const id = c.req.query('conversationId') ?? ''
    if (!(await ids.issued(id))) return jsonError(c, 400, 'unknown_conversation')
    const contact = await db.contact.findUnique({ where: { channel_externalId: { channel: 'web', externalId: id } } })
    if (!contact) return c.json({ replies: [] })
    return c.json({ replies: await outbound.takeForWeb(contact, now()) })
  }
}
