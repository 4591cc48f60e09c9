import { checkpoint, sleep } from 'nursery'
import type { ResponseLike } from './types-only'

export async function backoff(attempt: number, { signal }: { signal?: AbortSignal }) {
  await checkpoint(signal)
  await sleep(2 ** attempt * 100, signal)
}
