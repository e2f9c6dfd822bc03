#!/usr/bin/env node
// `npx zhijian <command>` inside the repository: tools that need no server or database.
// `draw verify` is the standalone verifier of packages/draw-verify (the file the site serves at
// /verify/zhijian-verify.mjs), so the repository, the download and the browser check alike.
const USAGE = 'usage: zhijian draw verify <record.json | address of the draw page or record> [commit statement | file holding it]';

const [group, command, ...args] = process.argv.slice(2);
if (group === 'draw' && command === 'verify' && args.length > 0) {
  const { main } = await import('../packages/draw-verify/zhijian-verify.mjs');
  process.exitCode = await main(args).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    return 2;
  });
} else {
  console.error(USAGE);
  process.exitCode = 2;
}
