#!/usr/bin/env node
/**
 * Entry point of the `shipshape` CLI (package.json "bin"). Node >= 22.18 runs this TypeScript file
 * directly (type stripping), so the whole CLI is erasable TypeScript with `.ts` imports.
 */
import module from 'node:module';

// Every start strips the types of some sixty modules; Node's compile cache (in the OS temp folder,
// NODE_DISABLE_COMPILE_CACHE=1 turns it off) keeps the result and halves the start-up time.
// It must be on before the CLI's modules load, hence the dynamic import below.
module.enableCompileCache?.();
const { main } = await import('./main.ts');

// `shipshape lint ... | head` closes the pipe early: that is not an error worth a stack trace
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
});
