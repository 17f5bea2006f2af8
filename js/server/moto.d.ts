// Types of setupflow's MOTO reference server (js/server/moto.mjs).

/** A request as any framework can give it. Header names in lower case. */
export interface MotoRequest {
  method: string;
  /** The path below the routes' prefix: "/readers", "/setups", "/setups/seti_…", "/setups/seti_…/cancel". */
  path: string;
  query?: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body of a POST. */
  body?: unknown;
}

export interface MotoResponse {
  status: number;
  body: unknown;
}

/** What the merchant stores: made by the core's record_moto_consent on the agent's console. */
export interface MotoConsentRecord {
  terms_version: string;
  locale: string;
  text: string;
  customer: string;
  agent: string;
  channel: 'telephone' | 'mail';
  allow_redisplay: 'always' | 'limited';
  /** Unix seconds. */
  accepted_at: number;
}

export interface MotoServerOptions {
  /** An instance of the official `stripe` package. */
  stripe: object;
  /** The merchant's own session check: the signed-in agent, or null (answered 401). */
  authorize(request: MotoRequest): { agent: string } | null | Promise<{ agent: string } | null>;
  /**
   * Stores the consent record, once the start's SetupIntent is made and before any card is asked
   * for; a throw cancels that SetupIntent and stops the setup. A retried start (same
   * Idempotency-Key) calls it again with the same key and SetupIntent: keep one record per key.
   */
  recordConsent(record: MotoConsentRecord, start: { idempotencyKey: string; setupIntent: string }): void | Promise<void>;
  /** Only readers of this Terminal location ("tml_…") are listed and usable. */
  location?: string;
}

export interface MotoServer {
  /** Resolves {status, body}; rejects only for a bug in the server or a hook. */
  handle(request: MotoRequest): Promise<MotoResponse>;
}

export function createMotoServer(options: MotoServerOptions): MotoServer;

/** A Node `http` request listener serving the routes under `prefix` (e.g. "/moto"). */
export function nodeListener(
  server: MotoServer,
  prefix?: string,
): (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
