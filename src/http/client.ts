import type { Context } from 'hono'

/**
 * The client's network address, for limits that a new chat id cannot escape.
 * - Workers: `CF-Connecting-IP`, set by Cloudflare's edge (a client cannot forge it there).
 * - Node: the socket's address; `X-Forwarded-For` only when the socket is a configured trusted proxy, and then the
 *   right-most address that is not itself a trusted proxy.
 * Tests calling `app.request()` have neither socket nor edge: they may set `CF-Connecting-IP` to play a client.
 */
export function clientAddress(c: Context, trustedProxies: readonly string[]): string {
  const socket = nodeSocketAddress(c)
  if (socket === undefined) return c.req.header('cf-connecting-ip')?.trim() || 'unknown'
  if (trustedProxies.includes(socket)) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean)
    for (let i = hops.length - 1; i >= 0; i--) if (!trustedProxies.includes(hops[i]!)) return hops[i]!
  }
  return socket
}

/** Whether the request reached us over https, directly or through a proxy that says so. */
export function isHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true
  // Believing the header can only make the cookie stricter (Secure), never weaker.
  return (c.req.header('x-forwarded-proto') ?? '').split(',')[0]!.trim().toLowerCase() === 'https'
}

function nodeSocketAddress(c: Context): string | undefined {
  // @hono/node-server passes the Node request as env.incoming; reading it needs no Node import (Workers-safe).
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  const address = env?.incoming?.socket?.remoteAddress
  if (address === undefined) return env?.incoming ? 'unknown' : undefined
  return address.startsWith('::ffff:') ? address.slice(7) : address
}
