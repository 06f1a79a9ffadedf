/**
 * The one fetch wrapper: JSON in and out, the session cookie, and the `x-csrf-token` header on
 * every state-changing request. Errors become `ApiError` with the host's status and message.
 */

/** A non-2xx answer from the host. `body` is the parsed JSON body when there was one. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly body: unknown;
  constructor(status: number, code: string, message: string, body: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

let csrfToken: string | undefined;

/** Remembers the CSRF token the host handed out (login or /me answer). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** The token from a `csrf`/`csrf-token`/`XSRF-TOKEN` cookie, for hosts that use the double-submit pattern. */
function csrfFromCookie(): string | undefined {
  const match = /(?:^|;\s*)(?:flow_csrf|csrf|csrf-token|XSRF-TOKEN)=([^;]+)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

/** Sends one request to the host and returns its JSON answer (undefined for 204). */
export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrfToken ?? csrfFromCookie();
    if (token) headers['x-csrf-token'] = token;
  }
  const response = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const sentToken = response.headers.get('x-csrf-token');
  if (sentToken) csrfToken = sentToken;
  if (!response.ok) {
    const error =
      (json as { error?: { code?: string; message?: string }; message?: string; code?: string }) ?? {};
    const message =
      error.error?.message ?? error.message ?? `${method} ${url} failed with ${response.status}`;
    throw new ApiError(
      response.status,
      error.error?.code ?? error.code ?? `http-${response.status}`,
      message,
      json,
    );
  }
  return json as T;
}
