/**
 * The `flow` command: validate, run and graph workflows offline; start the host; migrate the
 * database; scaffold, test, develop and publish plugins. Errors print one clear line (no stack)
 * for user mistakes and exit 1; unexpected errors print the stack and exit 2.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { FlowError } from '../workflow/errors.ts';
import { graphCommand } from './commands/graph.command.ts';
import { runCommand } from './commands/run.command.ts';
import { validateCommand } from './commands/validate.command.ts';
import { devPlugin, hostTarget, publishPlugin } from './plugin/publish-plugin.ts';
import { scaffoldPlugin } from './plugin/scaffold-plugin.ts';

const program = new Command('flow').description('Flow Studio: agent workflows as YAML').showHelpAfterError();

/** Runs an action, turning its result into the process exit code. */
const action =
  <A extends unknown[]>(fn: (...args: A) => Promise<number | undefined> | Promise<void>) =>
  async (...args: A) => {
    try {
      const code = await fn(...args);
      process.exitCode = typeof code === 'number' ? code : 0;
    } catch (error) {
      if (error instanceof FlowError) {
        console.error(`flow: ${error.message}`);
        process.exitCode = 1;
      } else {
        console.error(error);
        process.exitCode = 2;
      }
    }
  };

program
  .command('validate')
  .description('check workflow files; print every problem as file:line:col: message')
  .argument('<files...>', 'workflow YAML files')
  .action(action((files: string[]) => validateCommand(files)));

program
  .command('run')
  .description('run a workflow offline and print its output as JSON')
  .argument('<file>', 'workflow YAML file')
  .option('-i, --input <json>', 'the run input as JSON, or @file.json')
  .option('-t, --trace', "print each node's status, duration and output to stderr as it happens")
  .action(
    action((file: string, options: { input?: string; trace?: boolean }) =>
      runCommand(file, options, {
        stdout: (t) => process.stdout.write(t),
        stderr: (t) => process.stderr.write(t),
      }),
    ),
  );

program
  .command('graph')
  .description('print the workflow graph as a Mermaid flowchart')
  .argument('<file>', 'workflow YAML file')
  .action(
    action(async (file: string) => {
      process.stdout.write(`${await graphCommand(file)}\n`);
    }),
  );

program
  .command('start')
  .description(
    'start the host: API, studio and chat on PORT (default 3000), embedded PostgreSQL unless DATABASE_URL is set',
  )
  .option('--no-build', 'do not build the studio when dist/studio is missing')
  .action(
    action(async (options: { build: boolean }) => {
      const { ensureStudioBuilt } = await import('./commands/ensure-studio.ts');
      if (options.build) await ensureStudioBuilt();
      const { startHost } = await import('../host/start.ts');
      const host = await startHost({});
      await new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
      });
      await host.close();
    }),
  );

const db = program.command('db').description('database commands');
db.command('migrate')
  .description('apply pending migrations (DATABASE_URL, or the embedded server under ./data)')
  .action(
    action(async () => {
      const { migrateCommand } = await import('./commands/migrate.command.ts');
      await migrateCommand();
    }),
  );

/** The --host/--key options hostTarget() reads, for the commands that talk to a host's registry. */
const withHostOptions = (command: Command) =>
  command
    .option('--host <url>', 'host URL (FLOW_HOST)')
    .option('--key <apiKey>', 'API key with the plugins:publish scope (FLOW_API_KEY)');

const plugin = program.command('plugin').description('write, test and publish plugins');
plugin
  .command('new')
  .description('scaffold a node plugin with a test')
  .argument('<id>', 'scope/name, e.g. acme/weather')
  .option('-d, --dir <dir>', 'parent folder', 'plugins')
  .action(
    action(async (id: string, options: { dir: string }) => {
      const folder = await scaffoldPlugin(id, { dir: options.dir });
      console.log(`created ${folder}\nnext: npx flow plugin test ${folder}`);
    }),
  );
plugin
  .command('test')
  .description("run a plugin's tests")
  .argument('[dir]', 'plugin folder', '.')
  .action(
    action(async (dir: string) => {
      const result = spawnSync('vitest', ['run', '--project', 'unit', resolve(dir)], { stdio: 'inherit' });
      return result.status ?? 1;
    }),
  );
withHostOptions(plugin.command('publish'))
  .description("bundle the plugin and publish it to a host's registry")
  .argument('[dir]', 'plugin folder', '.')
  .action(
    action(async (dir: string, options: { host?: string; key?: string }) => {
      const result = await publishPlugin(dir, hostTarget(options));
      console.log(
        `${result.created ? 'published' : 'already published'} ${result.id}@${result.version} sha256 ${result.sha256}`,
      );
    }),
  );
withHostOptions(plugin.command('dev'))
  .description('rebuild on save and reload into a running host without a restart')
  .argument('[dir]', 'plugin folder', '.')
  .action(
    action(async (dir: string, options: { host?: string; key?: string }) => {
      devPlugin(dir, hostTarget(options), (line) => console.log(line));
      await new Promise(() => {}); // until Ctrl+C
    }),
  );

await program.parseAsync(process.argv);
