import 'reflect-metadata';
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv, { stdout: process.stdout, stderr: process.stderr, env: process.env });
