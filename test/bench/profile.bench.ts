import fs from 'node:fs'
import { SourceMap } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { round } from './stats.ts'
import { startServer } from './load.bench.ts'
import { offerLoad, startCountingBotApi } from './traffic.ts'

/**
 * Where the server's CPU goes per update: `node --cpu-prof` on the server (as `npm start` runs it) under the
 * realistic mix at a rate it holds (200/s, 40 in flight), then self time grouped by package (node_modules/<pkg>),
 * by our own folder (src/<dir>), garbage collection, Node internals and native code, in ms per update.
 */
interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber?: number; columnNumber?: number }
  children?: number[]
}
export interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

function groupOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC'
    if (functionName === '(idle)') return '(idle)'
    if (functionName === '(program)') return 'native / runtime'
    if (functionName === '(root)') return '(idle)'
    return `native: ${functionName || 'anonymous'}`
  }
  const modules = url.lastIndexOf('node_modules/')
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/')
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!
  }
  if (url.startsWith('node:')) return 'node internals'
  const src = url.indexOf('/src/')
  if (src >= 0) {
    const parts = url.slice(src + 1).split('/')
    return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts.join('/')
  }
  return url
}

/** A function, for the detailed list: its name and file (the part after node_modules/ or src/). */
function functionOf(node: ProfileNode): string {
  const { url, functionName, lineNumber } = node.callFrame as { url: string; functionName: string; lineNumber?: number }
  const file = url.replace(/^.*node_modules\//, '').replace(/^.*\/src\//, 'src/').replace(/^file:\/\//, '')
  return `${functionName || '(anonymous)'} ${file}${lineNumber !== undefined && file ? `:${lineNumber + 1}` : ''}`
}

/**
 * A profile of the built server names one file for everything; its source map (written beside it by
 * scripts/build-server.mjs) gives each function's original file back, so the groups are packages again.
 */
export function unbundle(profile: CpuProfile): CpuProfile {
  const cache = new Map<string, SourceMap | null>()
  const mapFor = (url: string) => {
    if (!cache.has(url)) {
      const file = `${url.replace(/^file:\/\//, '')}.map`
      cache.set(url, fs.existsSync(file) ? new SourceMap(JSON.parse(fs.readFileSync(file, 'utf8'))) : null)
    }
    return cache.get(url)
  }
  for (const node of profile.nodes) {
    const { url, lineNumber, columnNumber } = node.callFrame
    if (!/\.m?js$/.test(url) || lineNumber === undefined || columnNumber === undefined) continue
    const map = mapFor(url)
    const entry = map?.findEntry(lineNumber, columnNumber) as { originalSource?: string; originalLine?: number } | undefined
    if (entry?.originalSource) node.callFrame = { ...node.callFrame, url: entry.originalSource, lineNumber: entry.originalLine }
  }
  return profile
}

/** Self time per group (or per function), in ms per update, largest first (idle left out). */
export function summarize(profile: CpuProfile, updates: number, by: (node: ProfileNode) => string = groupOf): { group: string; msPerUpdate: number; share: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]!)!
    const group = node.callFrame.functionName === '(idle)' ? '(idle)' : by(node)
    self.set(group, (self.get(group) ?? 0) + (profile.timeDeltas[i] ?? 0))
  }
  self.delete('(idle)')
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .map(([group, us]) => ({ group, msPerUpdate: round(us / 1000 / updates, 3), share: round(us / total, 3) }))
}

/**
 * `entry` is what `npm start` runs after `node` (Node refuses --cpu-prof in NODE_OPTIONS, so the profiled command
 * is spelled out): the built server, or `--import tsx src/server.ts` for the sources.
 */
export async function profileServer(opts: { entry?: string[]; env?: Record<string, string>; rate?: number; seconds?: number } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlgn-prof-'))
  const bot = await startCountingBotApi()
  const entry = opts.entry ?? ['.build/server.mjs']
  const command = [process.execPath, '--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200', ...entry]
  const server = await startServer(bot.url, { command, env: opts.env })
  const rate = opts.rate ?? 200
  const seconds = opts.seconds ?? 10
  let sent = 0
  try {
    const url = `${server.url}/webhooks/telegram`
    await offerLoad({ url, secret: 'bench-secret_123', rate: 50, durationS: 2, firstChatId: 900_000, maxInFlight: 10 })
    const load = await offerLoad({ url, secret: 'bench-secret_123', rate, durationS: seconds, firstChatId: 100_000, maxInFlight: 40 })
    sent = load.sent + 100
  } finally {
    await server.stop()
    await bot.close()
  }
  // One profile per thread (tsx's loader runs on its own); the server's is the one that ran our code.
  const ours = (p: CpuProfile) => p.nodes.filter((n) => n.callFrame.url.includes('/src/') && !n.callFrame.url.includes('node_modules')).length
  const profiles = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as CpuProfile)
  fs.rmSync(dir, { recursive: true, force: true })
  const found = profiles.map(unbundle).sort((a, b) => ours(b) - ours(a))[0]
  if (!found) throw new Error('no CPU profile was written')
  const profile = found
  const groups = summarize(profile, sent)
  const busy = groups.reduce((a, g) => a + g.msPerUpdate, 0)
  return { updates: sent, busyMsPerUpdate: round(busy, 3), top: groups.slice(0, 18), functions: summarize(profile, sent, functionOf).slice(0, 25) }
}

export async function run(): Promise<Record<string, unknown>> {
  const result = await profileServer()
  const lines = (rows: { group: string; msPerUpdate: number; share: number }[]) =>
    rows.map((g) => `${g.msPerUpdate.toFixed(3).padStart(7)} ms  ${(g.share * 100).toFixed(1).padStart(5)}%  ${g.group}`).join('\n')
  console.error(`${lines(result.top)}\n\nby function:\n${lines(result.functions)}`)
  return result
}
