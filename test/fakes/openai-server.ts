/**
 * A loopback stand-in for an OpenAI-compatible server (OpenAI, Ollama, vLLM, llama.cpp all speak
 * it): POST /v1/chat/completions and GET /v1/models with the real request checks, error shapes
 * and response bodies, on port 0. Replies are scripted by the test or echo the last user message.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The chat completion request body as the protocol defines it (the fields we look at). */
export interface ChatCompletionBody {
  model?: unknown;
  messages?: Array<{ role?: unknown; content?: unknown }>;
  temperature?: number;
  max_tokens?: number;
  response_format?: { type?: string };
  [key: string]: unknown;
}

/** A scripted failure: the next request gets this status and OpenAI-style error. */
export interface ScriptedFailure {
  status: number;
  message?: string;
  type?: string;
  code?: string;
}

/** Options for the fake. */
export interface OpenAiServerOptions {
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Builds the assistant's reply; default echoes the last user message. */
  reply?: (body: ChatCompletionBody) => string;
}

/** A running fake. `baseUrl` ends in /v1, like the real thing. */
export interface OpenAiServer {
  baseUrl: string;
  requests: Array<{ headers: IncomingMessage['headers']; body: ChatCompletionBody }>;
  failNext(failure: ScriptedFailure): void;
  close(): Promise<void>;
}

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

function tokens(text: string): number {
  return (text.match(/\S+/g) ?? []).length;
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  type = 'invalid_request_error',
  code: string | null = null,
  param: string | null = null,
): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { message, type, param, code } }));
}

function checkBody(body: ChatCompletionBody): string | undefined {
  if (typeof body.model !== 'string' || body.model === '') return 'you must provide a model parameter';
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    return "Invalid 'messages': empty array. Expected an array with minimum length 1.";
  for (const [i, m] of body.messages.entries()) {
    if (typeof m?.role !== 'string' || !ROLES.has(m.role)) return `Invalid value for 'messages[${i}].role'.`;
    if (typeof m.content !== 'string') return `Invalid type for 'messages[${i}].content': expected a string.`;
  }
  const wantsJson = body.response_format?.type === 'json_object';
  if (wantsJson && !body.messages.some((m) => String(m.content).toLowerCase().includes('json'))) {
    return "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.";
  }
  return undefined;
}

/** Starts the fake on 127.0.0.1 and an ephemeral port. */
export async function startOpenAiServer(options: OpenAiServerOptions = {}): Promise<OpenAiServer> {
  const requests: OpenAiServer['requests'] = [];
  const failures: ScriptedFailure[] = [];
  let counter = 0;
  const server = createServer(async (req, res) => {
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendError(res, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
    }
    if (req.method === 'GET' && req.url === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({
          object: 'list',
          data: [{ id: 'fake-mini', object: 'model', created: 0, owned_by: 'test' }],
        }),
      );
    }
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions')
      return sendError(
        res,
        404,
        `Unknown request URL: ${req.method} ${req.url}.`,
        'invalid_request_error',
        'unknown_url',
      );
    let raw = '';
    for await (const chunk of req) raw += chunk;
    let body: ChatCompletionBody;
    try {
      body = JSON.parse(raw) as ChatCompletionBody;
    } catch {
      return sendError(res, 400, 'We could not parse the JSON body of your request.');
    }
    requests.push({ headers: req.headers, body });
    const failure = failures.shift();
    if (failure)
      return sendError(
        res,
        failure.status,
        failure.message ?? `scripted ${failure.status}`,
        failure.type ?? 'server_error',
        failure.code ?? null,
      );
    const problem = checkBody(body);
    if (problem) return sendError(res, 400, problem, 'invalid_request_error', null, 'messages');
    const lastUser = [...body.messages!].reverse().find((m) => m.role === 'user');
    let content = options.reply ? options.reply(body) : `You said: ${String(lastUser?.content ?? '')}`;
    let finish = 'stop';
    if (typeof body.max_tokens === 'number' && tokens(content) > body.max_tokens) {
      content = (content.match(/\S+/g) ?? []).slice(0, body.max_tokens).join(' ');
      finish = 'length';
    }
    const prompt = body.messages!.reduce((sum, m) => sum + tokens(String(m.content)) + 3, 0);
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': `req_${++counter}` });
    res.end(
      JSON.stringify({
        id: `chatcmpl-fake${counter}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: `${body.model}-2024-07-18`,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content, refusal: null },
            logprobs: null,
            finish_reason: finish,
          },
        ],
        usage: {
          prompt_tokens: prompt,
          completion_tokens: tokens(content),
          total_tokens: prompt + tokens(content),
        },
        system_fingerprint: 'fp_fake',
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    failNext: (failure) => failures.push(failure),
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
