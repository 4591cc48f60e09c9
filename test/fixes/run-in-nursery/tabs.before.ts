export async function sync(ids: string[]) {
	for (const id of ids) {
		if (id === "") continue;
		remove(id);
	}
	await flush();
}

declare function remove(id: string): Promise<void>;
declare function flush(): Promise<void>;
