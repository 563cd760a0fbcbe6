/**
 * What a channel sender throws, so the outbox decides without knowing any channel (issue #9 §1): a recipient that
 * cannot be reached for good, a message the channel refuses for good, or "try again later". Senders translate their
 * API's errors into these; anything else a sender throws counts as "try again later".
 */

/**
 * The recipient cannot be reached on this channel, for good: they blocked the bot (Telegram 403), or Zalo's messaging
 * window is closed (-230 / -232: no message from them for 7 days). Final (status `unreachable`), never retried.
 */
export class RecipientUnreachableError extends Error {
  override name = 'RecipientUnreachableError'
  constructor(
    readonly channel: string,
    readonly code: string | number,
    message: string,
  ) {
    super(message)
  }
}

/** The channel refused this message for good (a 400 bad request, an invalid payload): status `failed`, not retried. */
export class PermanentSendError extends Error {
  override name = 'PermanentSendError'
  constructor(
    readonly channel: string,
    readonly code: string | number,
    message: string,
  ) {
    super(message)
  }
}

/** Worth trying again: rate limited (with the wait the channel asked for), a server error, the network. */
export class TransientSendError extends Error {
  override name = 'TransientSendError'
  constructor(
    readonly channel: string,
    readonly code: string | number,
    message: string,
    /** How long the channel asked us to wait (Telegram's retry_after, an HTTP Retry-After, Zalo's -32 minute). */
    readonly retryAfterMs?: number,
  ) {
    super(message)
  }
}

/** Tokens never reach a log line or a stored error: `/bot123:abc/` → `/bot<token>/`. */
export function withoutSecrets(text: string): string {
  return text.replace(/bot\d+:[\w-]+/g, 'bot<token>').replace(/access_token=[^&\s]+/g, 'access_token=<token>')
}
