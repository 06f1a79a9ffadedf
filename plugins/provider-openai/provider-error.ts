/** Turns an OpenAI-compatible error response into the right error class with the server's words. */
import { type FlowError, OperationalError, UserError } from '../../runtime/workflow/errors.ts';

/** The server's own message from `{error: {message}}`, or the start of the body. */
function serverMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string };
    const error = parsed.error;
    if (typeof error === 'string') return error;
    if (error && typeof error.message === 'string') return error.message;
  } catch {
    // Not JSON (a proxy's HTML page, say): fall through to the raw text.
  }
  return body.slice(0, 200) || '(empty body)';
}

/**
 * 401/403: the tenant's key is wrong (a user error, retrying will not help); other 4xx: the request
 * was refused; 408, 409, 429 and 5xx: the provider is struggling, and a retry may well work.
 */
export function providerError(status: number, body: string, where: string, keySecret: string): FlowError {
  const message = serverMessage(body);
  if (status === 401 || status === 403) {
    return new UserError(
      'provider-auth',
      `${where} refused the API key (${status}: ${message}); check the tenant secret '${keySecret}'`,
      { status },
    );
  }
  if (status === 408 || status === 409 || status === 429 || status >= 500) {
    return new OperationalError('provider-unavailable', `${where} is unavailable (${status}: ${message})`, {
      status,
    });
  }
  return new UserError('provider-rejected', `${where} rejected the request (${status}: ${message})`, {
    status,
  });
}
