/** Category of a finding. */
export type FindingKind =
  /**
   * Code sets `x-instauth` on a request: object key, `set`/`append` call, assignment, or a
   * raw `x-instauth: …` header line such as a curl `-H` argument.
   */
  | 'header-set'
  /** Code reads `x-instauth`: `get`/`has` call, element access, destructuring. */
  | 'header-read'
  /** Code removes `x-instauth`: `delete` call or `delete` operator. */
  | 'header-delete'
  /** The header name in another place: a constant, a comparison, a type member. */
  | 'header-name'
  /** An HTTP call whose URL is the gateway login, `/ids/auth/login`. */
  | 'login-request'
  /** The login URL outside a recognised HTTP call, such as a constant. */
  | 'login-url';

/** HTTP client that a finding sits in, recognised from the call around it. */
export type HttpClient = 'axios' | 'got' | 'ky' | 'fetch' | 'node-http';

/** One legacy use found by `ids-auth scan`. Source text is left out: it may hold a token. */
export interface Finding {
  /** Path relative to the working directory, with `/` separators. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** Category of the use, such as `header-set` or `login-request`. */
  kind: FindingKind;
  /** HTTP client recognised around the finding, when there is one. */
  client?: HttpClient;
  /** `axios.defaults` is involved, so every request of that instance carries the header. */
  axiosDefaults?: boolean;
  /** Description of the use, as one sentence. */
  description: string;
  /** The suggested replacement, as one sentence. */
  suggestion: string;
}
