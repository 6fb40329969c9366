import { runCli } from './run-cli';

/** The `sendoff` command (`npm run check`, `diff`, `done`, `codeowners`, `schema`); the program itself is `runCli`. */
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  color: process.stdout.isTTY === true && !process.env.NO_COLOR,
});
