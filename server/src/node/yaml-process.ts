// What the `yaml` library's Node build gets when it imports `process` (see esbuild.js).
//
// Its parser reads `process.env.LOG_TOKENS` once per token and its composer `LOG_STREAM` once per
// document, to switch on debug logging. `process.env` is not a plain object: every read is a call
// into the C++ environment, and those reads were ~30% of parsing a workspace. The variables cannot
// change meaning mid-run, so they are read once here. The library uses nothing else of `process`
// but emitWarning (test/cli/bundle.test.ts fails if an upgrade starts using more).
import nodeProcess from 'node:process';

export const env: Record<string, string | undefined> = {
  LOG_TOKENS: nodeProcess.env.LOG_TOKENS,
  LOG_STREAM: nodeProcess.env.LOG_STREAM,
};

export function emitWarning(warning: string | Error): void {
  nodeProcess.emitWarning(warning);
}

export default { env, emitWarning };
