import { locateFirestoreEmulator, startFirestoreEmulator } from '@worker-chart-export/adapter-firestore/testing';
import { runWithFirestoreEmulator } from './run-with-firestore-emulator.js';

const USAGE = `Usage:
  tsx tools/src/firestore-emulator/main.ts                 start the emulator, print its host, stop on Ctrl-C
  tsx tools/src/firestore-emulator/main.ts -- CMD [ARGS]   run CMD with FIRESTORE_EMULATOR_HOST set, then stop it

Example:
  tsx tools/src/firestore-emulator/main.ts -- npm run --silent cli -- templates sync --dry-run`;

/** Starts the Firestore emulator for local runs: in the foreground, or around one command. */
async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const separator = argv.indexOf('--');
  if (separator >= 0) {
    const result = await runWithFirestoreEmulator(argv.slice(separator + 1));
    if (result.type === 'missing') {
      console.error(`cannot start the Firestore emulator: missing ${result.missing}`);
      return 2;
    }
    return result.exitCode;
  }
  if (argv.length > 0) {
    console.error(`unexpected arguments: ${argv.join(' ')}\n${USAGE}`);
    return 2;
  }
  const location = locateFirestoreEmulator();
  if (!location.found) {
    console.error(`cannot start the Firestore emulator: missing ${location.missing}`);
    return 2;
  }
  const emulator = await startFirestoreEmulator({ executable: location.executable });
  console.log(`FIRESTORE_EMULATOR_HOST=${emulator.host}`);
  console.error(`Firestore emulator running (log: ${emulator.logFile}); Ctrl-C stops it.`);
  // Signal listeners do not keep Node alive, and the emulator runs detached: hold the event loop open.
  const keepAlive = setInterval(() => undefined, 60_000);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(keepAlive);
  await emulator.stop();
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
