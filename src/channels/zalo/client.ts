/**
 * A small, typed, fetch-based client for the Zalo Official Account Open API: send consultation ("tư vấn") messages
 * with text and buttons, and keep the OA access token fresh. Self-contained (no imports from the app), so it runs on
 * Node and Workers and could be published on its own. Wire details: ../shared/platforms/PLATFORMS.md §A.
 *
 * @example
 * const zalo = new ZaloClient({ appId, appSecret, tokens: memoryTokenStore({ accessToken, refreshToken }) })
 * await zalo.sendText('2512523625412515', 'Xin chào')
 */

export interface ZaloTokens {
  accessToken: string
  refreshToken: string
  /** When the access token stops working, if known. */
  accessExpiresAt?: Date | null
}

/**
 * Where the token pair lives. Zalo's refresh token is single-use and rotates on every refresh, so `replace` must be
 * a compare-and-swap on the old refresh token: it stores `next` only if the stored refresh token is still
 * `previousRefreshToken`, and returns whether it did.
 */
export interface ZaloTokenStore {
  load(): Promise<ZaloTokens>
  replace(previousRefreshToken: string, next: ZaloTokens): Promise<boolean>
}

export interface ZaloButton {
  title: string
  /** Text that comes back as a user message when tapped. */
  payload: string
}

export interface ZaloClientOptions {
  appId: string
  /** The app's secret key (for OAuth), not the OA secret key used for webhook signatures. */
  appSecret: string
  tokens: ZaloTokenStore
  apiRoot?: string
  oauthRoot?: string
  fetch?: typeof fetch
  /** Per-request timeout; Zalo's webhook needs us to answer within 2 s, sends happen after that. */
  timeoutMs?: number
}

/** Zalo answered, with an error code (HTTP 200 with `error` ≠ 0, or an OAuth error). */
export class ZaloApiError extends Error {
  override name = 'ZaloApiError'
  constructor(
    readonly code: number,
    readonly endpoint: string,
    message: string,
  ) {
    super(`Zalo ${endpoint} failed with ${code}: ${message}`)
  }
}

/** The user has not interacted with the OA recently enough for a consultation message (-230 / -232). Not retried. */
export class ZaloWindowClosedError extends ZaloApiError {
  override name = 'ZaloWindowClosedError'
}

/**
 * The request did not get an answer from Zalo (network, timeout, an HTTP error status, a non-JSON response). Wraps the
 * cause; `status` and `retryAfterMs` (from a Retry-After header) when Zalo answered with an HTTP error.
 */
export class ZaloHttpError extends Error {
  override name = 'ZaloHttpError'
  constructor(
    readonly endpoint: string,
    override readonly cause: unknown,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(`Zalo ${endpoint} request failed: ${cause instanceof Error ? cause.message : String(cause)}`)
  }
}

const TOKEN_INVALID = new Set([-216, -220])
const WINDOW_CLOSED = new Set([-230, -232, 230, 232])

/** Consultation messages: text at most 2,000 characters (PLATFORMS §A.6, unverified officially). */
export const ZALO_MAX_TEXT = 2000

interface ZaloResponse {
  error?: number
  message?: string
  data?: { message_id?: string }
}

export class ZaloClient {
  readonly #opts: Required<Omit<ZaloClientOptions, 'fetch'>> & { fetch: typeof fetch }
  #refreshing: Promise<ZaloTokens> | null = null

  constructor(opts: ZaloClientOptions) {
    this.#opts = {
      apiRoot: 'https://openapi.zalo.me',
      oauthRoot: 'https://oauth.zaloapp.com',
      timeoutMs: 10_000,
      ...opts,
      fetch: opts.fetch ?? ((input, init) => fetch(input, init)),
    }
  }

  /** Sends a text consultation message; returns Zalo's message id. */
  async sendText(userId: string, text: string, opts: { quoteMessageId?: string } = {}): Promise<{ messageId: string | undefined }> {
    const message: Record<string, unknown> = { text }
    if (opts.quoteMessageId) message.quote_message_id = opts.quoteMessageId
    return this.#send({ recipient: { user_id: userId }, message })
  }

  /**
   * Sends text with buttons. A tap sends the button's payload back as a user message (`oa.query.hide` keeps the
   * payload out of the user's chat view). The exact v3 template schema and button limit are unverified; 5 buttons
   * is what the public examples use.
   */
  async sendButtons(userId: string, text: string, buttons: ZaloButton[]): Promise<{ messageId: string | undefined }> {
    return this.#send({
      recipient: { user_id: userId },
      message: {
        text,
        attachment: {
          type: 'template',
          payload: {
            buttons: buttons.slice(0, 5).map((b) => ({ title: b.title, type: 'oa.query.hide', payload: b.payload })),
          },
        },
      },
    })
  }

  /**
   * Sends an approved template message by user id (ZBS "Template Message" by UID, PLATFORMS.md §A.4:
   * `POST /v3.0/oa/message/template {user_id, template_id, template_data}`). This is the one way to reach a user
   * outside the 7-day consultation window; it needs a verified OA and a template approved by Zalo, and is billed.
   * The endpoint is documented by a single source (UNVERIFIED); errors come back as {@link ZaloApiError}.
   */
  async sendTemplate(userId: string, templateId: string, data: Record<string, string>): Promise<{ messageId: string | undefined }> {
    return this.#send({ user_id: userId, template_id: templateId, template_data: data }, '/v3.0/oa/message/template')
  }

  async #send(body: unknown, endpoint = '/v3.0/oa/message/cs'): Promise<{ messageId: string | undefined }> {
    let tokens = await this.#opts.tokens.load()
    for (let attempt = 0; ; attempt++) {
      const res = (await this.#request(endpoint, `${this.#opts.apiRoot}${endpoint}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', access_token: tokens.accessToken },
        body: JSON.stringify(body),
      })) as ZaloResponse
      const code = typeof res.error === 'number' ? res.error : 0
      if (code === 0) return { messageId: res.data?.message_id }
      if (TOKEN_INVALID.has(code) && attempt === 0) {
        // An expired token: refresh once and retry; a second failure is reported.
        tokens = await this.refreshAccessToken(tokens.refreshToken)
        continue
      }
      const message = res.message ?? 'unknown error'
      if (WINDOW_CLOSED.has(code)) throw new ZaloWindowClosedError(code, endpoint, message)
      throw new ZaloApiError(code, endpoint, message)
    }
  }

  /**
   * Exchanges the refresh token for a new pair and stores it before returning, so the single-use refresh token is
   * never lost. Concurrent callers share one refresh. If another process already rotated the pair, its tokens are
   * used instead.
   */
  refreshAccessToken(staleRefreshToken?: string): Promise<ZaloTokens> {
    this.#refreshing ??= this.#refresh(staleRefreshToken).finally(() => {
      this.#refreshing = null
    })
    return this.#refreshing
  }

  async #refresh(staleRefreshToken?: string): Promise<ZaloTokens> {
    const current = await this.#opts.tokens.load()
    // Someone else refreshed since the caller loaded its tokens: use theirs.
    if (staleRefreshToken !== undefined && current.refreshToken !== staleRefreshToken) return current
    const endpoint = '/v4/oa/access_token'
    const res = (await this.#request(endpoint, `${this.#opts.oauthRoot}${endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: this.#opts.appSecret },
      body: new URLSearchParams({ refresh_token: current.refreshToken, app_id: this.#opts.appId, grant_type: 'refresh_token' }).toString(),
    })) as { access_token?: string; refresh_token?: string; expires_in?: string | number; error?: number | string; error_description?: string }
    if (!res.access_token || !res.refresh_token) {
      const code = Number(res.error ?? -1)
      throw new ZaloApiError(Number.isFinite(code) ? code : -1, endpoint, res.error_description ?? 'no token in response')
    }
    const seconds = Number(res.expires_in)
    const next: ZaloTokens = {
      accessToken: res.access_token,
      refreshToken: res.refresh_token,
      accessExpiresAt: Number.isFinite(seconds) ? new Date(Date.now() + seconds * 1000) : null,
    }
    if (await this.#opts.tokens.replace(current.refreshToken, next)) return next
    return this.#opts.tokens.load()
  }

  async #request(endpoint: string, url: string, init: RequestInit): Promise<unknown> {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), this.#opts.timeoutMs)
    try {
      const res = await this.#opts.fetch(url, { ...init, signal: controller.signal })
      const text = await res.text()
      // Zalo reports its own errors as HTTP 200 with `error` ≠ 0; any other status is the HTTP layer failing (a proxy,
      // an overload), whatever the body says.
      if (!res.ok) {
        const retryAfter = Number(res.headers.get('retry-after'))
        throw new ZaloHttpError(endpoint, new Error(`HTTP ${res.status}`), res.status, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined)
      }
      try {
        return JSON.parse(text) as unknown
      } catch {
        throw new ZaloHttpError(endpoint, new Error(`HTTP ${res.status}, not JSON`))
      }
    } catch (err) {
      if (err instanceof ZaloHttpError) throw err
      throw new ZaloHttpError(endpoint, err)
    } finally {
      clearTimeout(timer)
    }
  }
}

/** Tokens kept in memory (tests, scripts). */
export function memoryTokenStore(initial: ZaloTokens): ZaloTokenStore & { current: ZaloTokens } {
  const store = {
    current: initial,
    async load() {
      return store.current
    },
    async replace(previous: string, next: ZaloTokens) {
      if (store.current.refreshToken !== previous) return false
      store.current = next
      return true
    },
  }
  return store
}
