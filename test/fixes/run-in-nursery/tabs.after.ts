import { nursery } from "nursery";

export async function sync(ids: string[]) {
	await nursery(async (n) => {
		for (const id of ids) {
			if (id === "") continue;
			n.spawn(() => remove(id));
		}
		await flush();
	});
}

declare function remove(id: string): Promise<void>;
declare function flush(): Promise<void>;
