#!/usr/bin/env node
// `npx hospitium <command>`: registers tsx so the TypeScript sources run as they are (no build step),
// then hands over to server/cli.ts, which reads process.argv and sets the exit code.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../server/cli.ts', import.meta.url).href);
