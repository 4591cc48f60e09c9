import type { Order } from "./db.js";

export async function sendConfirmation(order: Order, signal?: AbortSignal): Promise<void> {
  await fetch(`https://mail.invalid/confirm/${order.id}`, { method: "POST", signal });
}

export async function recordAudit(event: string): Promise<void> {
  console.log(`[audit] ${event}`);
}
