/** The long-lived parts of a host that routes and sockets share. */
import type { Kysely } from 'kysely';
import { type Logger, pino } from 'pino';
import type { Database } from '../db/schema.ts';
import { LoginRateLimit } from './auth/login-rate-limit.ts';
import type { HostConfig } from './config.ts';
import { RunService } from './runs/run-service.ts';

/** Shared state of one host process. */
export interface HostServices {
  db: Kysely<Database>;
  config: HostConfig;
  logger: Logger;
  loginLimit: LoginRateLimit;
  runs: RunService;
}

/** Builds the services for a host from its database and settings. */
export function createHostServices(options: { db: Kysely<Database>; config: HostConfig; logger?: Logger }): HostServices {
  const logger = options.logger ?? pino({ level: options.config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.value', '*.token'] });
  return {
    db: options.db,
    config: options.config,
    logger,
    loginLimit: new LoginRateLimit(options.config.loginLimit),
    runs: new RunService(options.db, logger),
  };
}
