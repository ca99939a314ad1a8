#!/usr/bin/env node
// The installed `dnswarden` executable: runs src/cli/main.ts (Node 24 strips the types) and exits with its code.
import { main } from '../src/cli/main.ts';

const code = await main(process.argv.slice(2));
// Let stdout and stderr drain before leaving, so that piped JSON is never cut short.
process.exitCode = code;
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
