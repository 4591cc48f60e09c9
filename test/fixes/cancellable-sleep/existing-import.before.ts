import { checkpoint } from 'nursery'
import type { ResponseLike } from './types-only'

export async function backoff(attempt: number, { signal }: { signal?: AbortSignal }) {
  await checkpoint(signal)
  await new Promise<void>((done) => setTimeout(() => done(), 2 ** attempt * 100))
}
