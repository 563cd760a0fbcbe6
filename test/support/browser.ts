import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

/**
 * A real browser for the page tests: Debian's chromium (`apt-get install -y chromium fonts-noto-core`, done by
 * .ci/run), driven by playwright-core. Playwright's own browser download cannot work offline, so it is never used
 * (no `playwright install`). `startServer` runs the server as `npm start` does, for tests of what a resident's
 * browser gets from the real process (the web chat).
 */

const root = path.resolve(import.meta.dirname, '../..')

export const CHROMIUM_PATH = '/usr/bin/chromium'

/** Headless, without the sandbox (CI runs as root) and without anything that reaches the network on its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** Where screenshots are kept for people to look at (gitignored). */
export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, '../../test-artifacts')

/** Whether the browser is installed. CI must have it: there a missing browser is a failure, not a skip. */
export function hasChromium(): boolean {
  return fs.existsSync(CHROMIUM_PATH)
}

/** Browser tests run wherever chromium is installed, and always in CI (where they fail if it is missing). */
export const runBrowserTests = hasChromium() || Boolean(process.env.CI)

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
}

/**
 * What the page's Content-Security-Policy refused (chromium reports each refused script, style or attribute on the
 * console): a page that works in a test without CSP but breaks under it shows up here.
 */
export function cspViolations(page: Page): string[] {
  const seen: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(`${page.url()}: ${message.text()}`)
  })
  return seen
}

/** A file name under test-artifacts/ (the folder is made on first use). */
export function artifactPath(name: string): string {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true })
  return path.join(ARTIFACTS_DIR, name)
}

/** A phone-sized page context in Vietnamese (a mid-range Android phone's viewport). */
export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 390, height: 760 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' })
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export interface RunningServer {
  url: string
  stop(): Promise<void>
}

/**
 * `npm start` on a free port with a fresh database in a temporary directory, until GET /healthz answers 200 (at most
 * `timeoutMs`). `stop` ends the process group it started and removes the directory.
 */
export async function startServer(timeoutMs = 60_000, env: Record<string, string> = {}): Promise<RunningServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlgn-browser-'))
  const port = await freePort()
  const child: ChildProcess = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), DATABASE_URL: `file:${path.join(dir, 'dev.db')}` },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    try {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM')
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))])
    fs.rmSync(dir, { recursive: true, force: true })
  }
  const url = `http://127.0.0.1:${port}`
  const started = Date.now()
  for (;;) {
    if (child.exitCode !== null) {
      await stop()
      throw new Error(`npm start exited with ${child.exitCode}:\n${stderr}`)
    }
    if (Date.now() - started > timeoutMs) {
      await stop()
      throw new Error(`the server did not answer /healthz within ${timeoutMs} ms:\n${stderr}`)
    }
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return { url, stop }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}
