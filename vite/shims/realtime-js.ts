/**
 * Stands in for @supabase/realtime-js where supabase-js constructs its Realtime client
 * (vite/narrow-imports.ts). The real client, about 16 KB gzipped, loads on the first
 * `supabase.channel()`, which the admin's live updates make only once a view has shown its
 * first rows (src/admin/live.ts): it is no longer part of what every page loads before it shows.
 * Channels answer `on`, `subscribe` and `unsubscribe` at once and pass them on, in order, to the
 * real channel when it exists; a client that failed to load reports CHANNEL_ERROR to `subscribe`.
 */
import type {
  RealtimeClient as RealClient,
  RealtimeChannel,
  RealtimeChannelOptions,
  RealtimeChannelSendResponse,
  RealtimeClientOptions,
  RealtimeRemoveChannelResponse,
} from "@supabase/realtime-js";

const ignore = () => {};

/** The one constant imported through supabase-js in the bundle (by @refinedev/supabase). */
export const REALTIME_POSTGRES_CHANGES_LISTEN_EVENT = {
  ALL: "*",
  INSERT: "INSERT",
  UPDATE: "UPDATE",
  DELETE: "DELETE",
} as const;

class DeferredChannel {
  constructor(readonly loaded: Promise<RealtimeChannel>) {}

  on(...binding: unknown[]): this {
    void this.loaded.then((channel) => (channel.on as (...args: unknown[]) => unknown)(...binding), ignore);
    return this;
  }

  subscribe(callback?: (status: string, error?: Error) => void, timeout?: number): this {
    this.loaded.then(
      (channel) => channel.subscribe(callback, timeout),
      (error: Error) => callback?.("CHANNEL_ERROR", error),
    );
    return this;
  }

  async unsubscribe(timeout?: number): Promise<RealtimeChannelSendResponse> {
    return (await this.loaded).unsubscribe(timeout);
  }
}

export class RealtimeClient {
  readonly #endPoint: string;
  readonly #options: RealtimeClientOptions | undefined;
  readonly #channels = new Set<DeferredChannel>();
  #client: Promise<RealClient> | undefined;
  #auth: { token: string | null } | undefined;

  constructor(endPoint: string, options?: RealtimeClientOptions) {
    this.#endPoint = endPoint;
    this.#options = options;
  }

  #loaded(): Promise<RealClient> {
    this.#client ??= import("@supabase/realtime-js").then(({ RealtimeClient: Real }) => {
      const client = new Real(this.#endPoint, this.#options);
      if (this.#auth) void client.setAuth(this.#auth.token);
      return client;
    });
    return this.#client;
  }

  async setAuth(token: string | null = null): Promise<void> {
    this.#auth = { token };
    if (this.#client) await (await this.#client).setAuth(token);
  }

  channel(topic: string, params?: RealtimeChannelOptions): DeferredChannel {
    const channel = new DeferredChannel(this.#loaded().then((client) => client.channel(topic, params)));
    this.#channels.add(channel);
    return channel;
  }

  getChannels(): DeferredChannel[] {
    return [...this.#channels];
  }

  async removeChannel(channel: DeferredChannel): Promise<RealtimeRemoveChannelResponse> {
    this.#channels.delete(channel);
    const [client, real] = await Promise.all([this.#loaded(), channel.loaded]);
    return client.removeChannel(real);
  }

  async removeAllChannels(): Promise<RealtimeRemoveChannelResponse[]> {
    return Promise.all([...this.#channels].map((channel) => this.removeChannel(channel)));
  }
}
