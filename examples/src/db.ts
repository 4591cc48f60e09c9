export interface Order {
  id: string;
  customer: string;
  items: { sku: string; quantity: number }[];
}

const orders = new Map<string, Order>();

export async function loadOrder(id: string, signal?: AbortSignal): Promise<Order> {
  signal?.throwIfAborted();
  const order = orders.get(id);
  if (!order) throw new Error(`no order ${id}`);
  return order;
}

export async function saveOrder(order: Order): Promise<void> {
  orders.set(order.id, order);
}

export async function reserveStock(sku: string, quantity: number): Promise<boolean> {
  return quantity > 0 && sku.length > 0;
}
