// Declarations the rule fixtures share. Fixtures are modules (they export something), so top-level await is legal there.
interface User {
  id: string;
  name: string;
}
declare function fetchUser(id: string): Promise<User>;
declare function saveUser(user: User): Promise<void>;
declare function audit(user: User): Promise<void>;
declare function log(message: string): void;
declare function maybeSave(user: User): Promise<void> | undefined;
declare function loadConfig(): PromiseLike<Record<string, string>>;
declare const users: User[];
declare const flag: boolean;
declare let anything: any;
declare function it(name: string, body: () => Promise<void>): Promise<void>;
declare function describe(name: string, body: () => void): void;

/** A custom thenable, like a query builder. */
interface Query<T> {
  where(clause: string): Query<T>;
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}
declare function query<T>(table: string): Query<T>;

/** Has a `then` property that is no method: not a thenable. */
interface Tween {
  then: string;
  start(): Tween;
}
declare function tween(): Tween;

declare class Job extends Promise<number> {}
declare function startJob(): Job;

declare const db: {
  users?: { insert(user: User): Promise<void> };
  close(): Promise<void>;
};
