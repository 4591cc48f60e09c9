declare function prefetch(url: string, options?: { signal?: AbortSignal }): Promise<void>;

export async function open(url: string) {
  prefetch(url);
  const page = await fetchPage(url);
  render(page);
}

declare function fetchPage(url: string): Promise<string>;
declare function render(page: string): void;
