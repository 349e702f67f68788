import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { runOnUse } from './run-on-use.js';

const DELIVER_HELP = `
Sends the worker the event Eventarc sends when flow_runs/{runId} is written: a binary-mode CloudEvent
google.cloud.firestore.document.v1.written, content-type application/protobuf, whose body is the document
as a DocumentEventData. The worker reads the flow_run fresh from its own Firestore, so the document must be
there too (a file's content only decides whether the worker looks).

Examples:
  # a worker running locally against the emulator, the document read from the emulator
  FIRESTORE_EMULATOR_HOST=127.0.0.1:8085 GOOGLE_CLOUD_PROJECT=demo-charts \\
    npm run --silent cli -- events deliver --worker-url http://127.0.0.1:8080 --run-id 20251215-102530_BTCUSDT_k3f7a

  # the event of a flow_run file
  npm run --silent cli -- events deliver --worker-url http://127.0.0.1:8080 --project demo-charts \\
    --flow-run-path fixtures/flow-runs/example-ready.json

  # ops: replay the event of a production document to the deployed service (it requires an identity token)
  WORKER_ID_TOKEN="$(gcloud auth print-identity-token)" npm run --silent cli -- events deliver \\
    --worker-url https://worker-chart-export-xyz-ew.a.run.app --project my-project --run-id RUN_ID

Output: one JSON line on stdout, {"eventId","document","status","reply"} (reply: the worker's JSON answer).

Environment:
  GOOGLE_CLOUD_PROJECT     project of the document when --project is not given
  FIRESTORE_DATABASE       database of the document (default "(default)")
  FIRESTORE_EMULATOR_HOST  with --run-id: read the document from this Firestore emulator
  WORKER_ID_TOKEN          sent as "Authorization: Bearer <token>" (never printed)

Exit codes: 0 the worker answered 2xx, 1 another status or no answer, 2 usage or configuration error.
`;

/** Adds `events` with its `deliver` subcommand to `program`; `onExit` receives the exit code. */
export function registerEventsCommand(program: Command, io: CliIo, onExit: (code: number) => void): Command {
  const events = program.command('events').description('Deliver Eventarc events to a worker (a local one, or a replay).');
  const deliver = events
    .command('deliver')
    .description("Send a worker the Eventarc event of a flow_run document's write; prints its HTTP status and reply.")
    .option('--worker-url <url>', 'where the worker listens, e.g. http://127.0.0.1:8080 (required)')
    .option('--flow-run-path <path>', 'the flow_run JSON file whose event to send')
    .option('--run-id <id>', 'or: read flow_runs/{id} from Firestore and send its event')
    .option('--project <id>', 'Google Cloud project of the document (env GOOGLE_CLOUD_PROJECT)')
    .option('--event-id <id>', 'the CloudEvent id (default: a fresh UUID; reuse one to replay a delivery)')
    .option('--timeout-ms <ms>', 'how long to wait for the answer (default 600000: the worker answers once the step has run)')
    .addHelpText('after', DELIVER_HELP);
  runOnUse(deliver, async () => (await import('./events-deliver.js')).eventsDeliver, io, onExit);
  return events;
}
