import { describe, expect, it } from 'vitest';
import { ResponseError, type Connection } from 'vscode-languageserver';
import { guardHandlers } from '../../server/src/lsp/guard';

/** A stand-in connection that records the handlers registered on it. */
function fakeConnection() {
  const handlers = new Map<string, (...a: unknown[]) => unknown>();
  const logged: string[] = [];
  const connection = {
    onHover: (h: (...a: unknown[]) => unknown) => void handlers.set('hover', h),
    onRequest: (_type: unknown, h: (...a: unknown[]) => unknown) => void handlers.set('request', h),
    onDidChangeWatchedFiles: (h: (...a: unknown[]) => unknown) => void handlers.set('watched', h),
    console: { error: (m: string) => void logged.push(m) },
  };
  return { connection: connection as unknown as Connection, handlers, logged };
}

describe('LSP handlers answer with a message, never a stack trace', () => {
  it('turns an unexpected error into an InternalError response in words', async () => {
    const { connection, handlers } = fakeConnection();
    const guarded = guardHandlers(connection);
    guarded.onHover(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    guarded.onRequest('x', async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'length')");
    });
    expect(() => handlers.get('hover')!()).toThrow(ResponseError);
    expect(() => handlers.get('hover')!()).toThrow(
      'pdsa could not answer: the input nests or repeats too deeply to process',
    );
    await expect(handlers.get('request')!()).rejects.toThrow(
      "pdsa could not answer: Cannot read properties of undefined (reading 'length')",
    );
  });

  it('passes ResponseErrors through and logs a failed notification', () => {
    const { connection, handlers, logged } = fakeConnection();
    const guarded = guardHandlers(connection);
    guarded.onHover(() => {
      throw new ResponseError(-32602, 'no measure "x"');
    });
    guarded.onDidChangeWatchedFiles(() => {
      throw new Error('disk gone');
    });
    expect(() => handlers.get('hover')!()).toThrow('no measure "x"');
    expect(handlers.get('watched')!()).toBeUndefined();
    expect(logged).toEqual(['pdsa: disk gone']);
  });
});
