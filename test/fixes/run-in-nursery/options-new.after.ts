import { nursery } from "nursery";

declare function prefetch(url: string, options?: { signal?: AbortSignal }): Promise<void>;

export async function open(url: string) {
  await nursery(async (n) => {
    n.spawn((signal) => prefetch(url, { signal }));
    const page = await fetchPage(url);
    render(page);
  });
}

declare function fetchPage(url: string): Promise<string>;
declare function render(page: string): void;
