import { methodNames, type EventName, type MediaVariantT, type EventPayload, type Input, type MethodName, type Output } from './api.ts';
import type { Transport } from './transport.ts';

type Group<P extends string> = {
  [M in MethodName as M extends `${P}.${infer Rest}` ? Rest : never]: (input: Input<M>) => Promise<Output<M>>;
};
type Prefixes = MethodName extends `${infer P}.${string}` ? P : never;

export type Client = { [P in Prefixes]: Group<P> } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  mediaUrl(itemId: string, variant: MediaVariantT): string;
  /** See Transport.onClose; never runs on a transport that cannot close. */
  onClose(listener: () => void): () => void;
};

/** Builds the typed client from the contract's method table: no call is wired by hand. */
export function createClient(transport: Transport): Client {
  const client: Record<string, unknown> = {
    on: transport.subscribe.bind(transport),
    mediaUrl: transport.mediaUrl.bind(transport),
    onClose: transport.onClose ? transport.onClose.bind(transport) : () => () => undefined,
  };
  for (const name of methodNames) {
    const [group, action] = name.split('.') as [string, string];
    const target = (client[group] ??= {}) as Record<string, unknown>;
    target[action] = (input: unknown) => transport.call(name, input ?? {});
  }
  return client as Client;
}
