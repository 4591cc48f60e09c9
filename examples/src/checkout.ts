import { loadOrder, reserveStock, saveOrder, type Order } from "./db.js";
import { recordAudit, sendConfirmation } from "./notify.js";

export async function checkout(id: string): Promise<Order> {
  const order = await loadOrder(id);
  // Bug: nobody waits for the reservations; a failed one is an unhandled rejection.
  order.items.map((item) => reserveStock(item.sku, item.quantity));
  await saveOrder(order);
  // Bug: the confirmation outlives checkout(); if it fails, nobody hears of it.
  sendConfirmation(order);
  recordAudit(`checkout ${id}`).then(() => console.log("audited"));
  return order;
}

export function cancelLater(order: Order): void {
  // Bug: a sync function starting work it never hands back.
  saveOrder({ ...order, items: [] });
}

export async function checkoutAll(ids: string[]): Promise<void> {
  // Fine: awaited together.
  await Promise.all(ids.map((id) => checkout(id)));
  // Fine: an intentional, explicit detach.
  void recordAudit(`batch of ${ids.length}`);
  // Fine: handled.
  recordAudit("done").catch((error: unknown) => console.error(error));
}
