import { openNodeRuntime } from './node-runtime.ts'

export async function runMigrate(): Promise<number> {
  const { db, applied } = openNodeRuntime()
  console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'Database is up to date.')
  await db.$disconnect()
  return 0
}
