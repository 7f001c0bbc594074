/** The part of an ioredis client (v5 or later) the store uses. */
export interface IoRedisClientLike {
  /** Connection state, such as `wait`, `ready` or `end`. */
  readonly status: string;
  /** Runs one Redis command. */
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
  /** Opens the connection of a client made with `lazyConnect`. */
  connect(): Promise<unknown>;
  /** Adds a listener for the `'ready'` event. */
  on(event: 'ready', listener: () => void): unknown;
  /** Removes a listener added with `on()`. */
  removeListener(event: 'ready', listener: () => void): unknown;
}

/** The part of a node-redis client (v4 or later) the store uses. */
export interface NodeRedisClientLike {
  /** True from `connect()` until the client is closed. */
  readonly isOpen: boolean;
  /** True while the client is connected and can run commands. */
  readonly isReady: boolean;
  /** Runs one Redis command given as `[name, ...args]`. */
  sendCommand(args: string[]): Promise<unknown>;
  /** Adds a listener for the `'ready'` event. */
  on(event: 'ready', listener: () => void): unknown;
  /** Removes a listener added with `on()`. */
  removeListener(event: 'ready', listener: () => void): unknown;
}

// NOTE: only ioredis 6.1 and node-redis 6.4 are tested. No test runs the older majors that
// the peer ranges allow.

/** A Redis client of either library, reduced to what the store needs. */
export interface ClientDriver {
  readonly library: 'ioredis' | 'node-redis';
  /** Connected and able to run commands now. */
  isReady(): boolean;
  /** Closed, or never opened, so waiting will not make it ready. */
  isClosed(): boolean;
  /** Starts connecting a client created with `lazyConnect`; no-op otherwise. */
  startConnecting(): void;
  /** Runs one command given as `[name, ...args]`. */
  send(args: string[]): Promise<unknown>;
  /** Calls `listener` on every `'ready'` event; returns a function that stops that. */
  onReady(listener: () => void): () => void;
}

function isIoRedis(client: object): client is IoRedisClientLike {
  const candidate = client as Partial<IoRedisClientLike>;

  return typeof candidate.status === 'string' && typeof candidate.call === 'function';
}

function isNodeRedis(client: object): client is NodeRedisClientLike {
  const candidate = client as Partial<NodeRedisClientLike>;

  return typeof candidate.isOpen === 'boolean' && typeof candidate.sendCommand === 'function';
}

function ioRedisDriver(client: IoRedisClientLike): ClientDriver {
  return {
    library: 'ioredis',
    isReady: () => client.status === 'ready',
    isClosed: () => client.status === 'end',
    startConnecting() {
      if (client.status !== 'wait') return;

      // A failed connect also reaches the client's own 'error' listeners; the store call
      // that triggered it fails through its timeout.
      client.connect().catch(() => undefined);
    },
    send: ([command = '', ...args]) => client.call(command, ...args),
    onReady(listener) {
      client.on('ready', listener);

      return () => client.removeListener('ready', listener);
    },
  };
}

function nodeRedisDriver(client: NodeRedisClientLike): ClientDriver {
  return {
    library: 'node-redis',
    isReady: () => client.isReady,
    isClosed: () => !client.isOpen,
    startConnecting: () => undefined,
    send: (args) => client.sendCommand(args),
    onReady(listener) {
      client.on('ready', listener);

      return () => client.removeListener('ready', listener);
    },
  };
}

/** Wraps an ioredis or node-redis client, detected by its methods and properties. */
export function createClientDriver(client: unknown): ClientDriver {
  if (typeof client === 'object' && client !== null) {
    if (isIoRedis(client)) return ioRedisDriver(client);
    if (isNodeRedis(client)) return nodeRedisDriver(client);
  }

  throw new TypeError(
    'options.redis must be an ioredis client (has `status` and `call()`) or a node-redis v4+ ' +
      'client (has `isOpen` and `sendCommand()`); pass one, or pass options.url instead.',
  );
}
