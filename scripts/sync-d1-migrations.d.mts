export function syncD1Migrations(root: string): string[]
