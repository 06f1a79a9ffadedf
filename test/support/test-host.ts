/** A host on a fresh database and an ephemeral loopback port, for API tests. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HostConfig, testHostConfig } from '../../runtime/host/config.ts';
import { createApp, type FlowApp } from '../../runtime/host/create-app.ts';
import { createHostServices, type HostServicesOptions } from '../../runtime/host/host-services.ts';
import { ApiClient } from './api-client.ts';
import { type FreshDatabase, freshDatabase } from './fresh-database.ts';

/** A running test host. */
export interface TestHost {
  app: FlowApp;
  server: Server;
  url: string;
  database: FreshDatabase;
  /** A new cookie jar ("browser"), optionally with a bearer key. */
  client(bearer?: string): ApiClient;
  /** Signs up a new user with a new tenant; returns their browser and ids. */
  signUp(
    name?: string,
  ): Promise<{ client: ApiClient; tenantId: string; userId: string; email: string; password: string }>;
  /** `owner` invites `email` with `role` and the invitee accepts in a new browser. */
  join(
    owner: { client: ApiClient },
    role: string,
    email: string,
  ): Promise<{ client: ApiClient; userId: string }>;
  close(): Promise<void>;
}

let counter = 0;

/** Options for {@link startTestHost}. */
export interface TestHostOptions {
  config?: Partial<HostConfig>;
  /** Plugins for runs (built-ins when absent). */
  resolverFor?: HostServicesOptions['resolverFor'];
  /** Called before listening (e.g. to attach socket.io). */
  hook?: (app: FlowApp, server: Server) => void;
}

/** Starts a host on its own fresh database. */
export async function startTestHost(options: TestHostOptions = {}): Promise<TestHost> {
  const database = await freshDatabase();
  const config = testHostConfig(options.config);
  const services = createHostServices({ db: database.db, config, resolverFor: options.resolverFor });
  const app = createApp({ db: database.db, config, services });
  const server = createServer(app.callback());
  options.hook?.(app, server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const host: TestHost = {
    app,
    server,
    url,
    database,
    client: (bearer) => new ApiClient(url, bearer),
    async signUp(name = 'acme') {
      const client = new ApiClient(url);
      const n = ++counter;
      const email = `${name}-${n}-${process.pid}@example.test`;
      const password = `correct horse ${n}`;
      const res = await client.post('/api/auth/signup', {
        email,
        password,
        name: `${name} owner`,
        tenantName: `${name} inc`,
      });
      if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { client, tenantId: res.body.tenant.id, userId: res.body.user.id, email, password };
    },
    async join(owner, role, email) {
      const created = await owner.client.post('/api/invitations', { email, role });
      if (created.status !== 201)
        throw new Error(`invitation failed: ${created.status} ${JSON.stringify(created.body)}`);
      const client = new ApiClient(url);
      const joined = await client.post('/api/invitations/accept', {
        token: created.body.token,
        password: 'invited password',
        name: 'Invitee',
      });
      if (joined.status !== 200)
        throw new Error(`accepting failed: ${joined.status} ${JSON.stringify(joined.body)}`);
      return { client, userId: joined.body.user.id as string };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.services.close();
      await database.drop();
    },
  };
  return host;
}
