#!/usr/bin/env node
// Builds the Node server into one ES module, .build/server.mjs, so `npm start` runs plain JavaScript: no TypeScript
// transpiler at run time, one file to load (cold start). better-sqlite3 stays outside (a native addon). The list of
// files that went in is kept beside it, so scripts/ensure.mjs can tell when it is out of date.
import fs from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const outfile = path.join(root, '.build/server.mjs')
const started = Date.now()
const result = await build({
  entryPoints: [path.join(root, 'src/server.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3'],
  metafile: true,
  // A map beside the bundle (not loaded at run time): to read stack traces and profiles against the sources.
  sourcemap: 'external',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  // Bundled CommonJS dependencies call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
})
const inputs = Object.keys(result.metafile.inputs).map((p) => path.relative(root, path.resolve(root, p)))
fs.writeFileSync(path.join(root, '.build/server.inputs.json'), JSON.stringify(inputs))
console.error(`[build] .build/server.mjs (${Math.round(fs.statSync(outfile).size / 1024)} KiB, ${inputs.length} files) in ${Date.now() - started} ms`)
