/** A small HTTP client for host tests: keeps cookies like a browser and echoes the CSRF cookie. */

/** A response with its JSON body parsed. */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Options for one request. */
export interface RequestOptions {
  headers?: Record<string, string>;
  /** Do not send x-csrf-token even if the cookie is there. */
  noCsrf?: boolean;
  /** Send this raw text as the body instead of JSON. */
  raw?: string;
}

/** One "browser" (or script with a bearer key) talking to a host. */
export class ApiClient {
  readonly baseUrl: string;
  readonly cookies = new Map<string, string>();
  bearer: string | undefined;
  constructor(baseUrl: string, bearer?: string) {
    this.baseUrl = baseUrl;
    this.bearer = bearer;
  }

  /** Sends a request; JSON bodies are serialized and parsed. */
  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (body !== undefined || options.raw !== undefined) headers['content-type'] ??= 'application/json';
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get('flow_csrf');
    if (csrf && !options.noCsrf && !['GET', 'HEAD'].includes(method)) headers['x-csrf-token'] ??= csrf;
    if (this.bearer) headers.authorization ??= `Bearer ${this.bearer}`;
    const res = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body: options.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, undefined, options);
  }
  post<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', path, body ?? {}, options);
  }
  put<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PUT', path, body ?? {}, options);
  }
  patch<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PATCH', path, body ?? {}, options);
  }
  delete<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, undefined, options);
  }
}
