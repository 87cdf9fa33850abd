import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';

/**
 * Every handler the server registers answers with a message, never a stack trace or a raw engine
 * error: a request that fails unexpectedly gets an InternalError response saying what went wrong
 * in words, and a notification's failure is logged. Handlers that already answer with a
 * ResponseError (a chart of an unknown measure) pass through unchanged.
 */
export function guardHandlers(connection: Connection): Connection {
  return new Proxy(connection, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || !/^on[A-Z]/.test(property) || typeof value !== 'function') return value;
      const notification = /^on(Did|Initialized|Exit|Notification|WillSave\b)/.test(property);
      return (...args: unknown[]) => {
        const last = args.length - 1;
        const handler = args[last];
        if (typeof handler === 'function')
          args[last] = wrap(handler as (...a: unknown[]) => unknown, notification, connection);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

function wrap(
  handler: (...a: unknown[]) => unknown,
  notification: boolean,
  connection: Connection,
): (...a: unknown[]) => unknown {
  const fail = (error: unknown): never | undefined => {
    if (error instanceof ResponseError) throw error;
    const message = describe(error);
    if (notification) {
      connection.console.error(`pdsa: ${message}`);
      return undefined;
    }
    throw new ResponseError(ErrorCodes.InternalError, `pdsa could not answer: ${message}`);
  };
  return (...a: unknown[]) => {
    try {
      const result = handler(...a);
      return result instanceof Promise ? result.catch(fail) : result;
    } catch (error) {
      return fail(error);
    }
  };
}

export function describe(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message))
    return 'the input nests or repeats too deeply to process';
  return error instanceof Error ? error.message : String(error);
}
