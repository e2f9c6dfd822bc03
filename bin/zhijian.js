#!/usr/bin/env node
// `npx zhijian <command>`: tools that need no server or database. Runs the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
const [group, command, ...args] = process.argv.slice(2);
if (group === 'draw' && command === 'verify') {
  const { drawVerify } = await import('../server/src/modules/inspections/draw/verify-cli.ts');
  process.exitCode = await drawVerify(args[0]).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    return 2;
  });
} else {
  console.error('usage: zhijian draw verify <record.json | URL>');
  process.exitCode = 2;
}
