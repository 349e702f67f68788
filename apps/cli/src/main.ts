import 'reflect-metadata';
import { installProcessGuards } from './process-guards.js';
import { runCli } from './program.js';

installProcessGuards(process);
process.exitCode = await runCli(process.argv, { stdout: process.stdout, stderr: process.stderr, env: process.env });
