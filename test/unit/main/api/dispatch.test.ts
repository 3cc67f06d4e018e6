// Dispatch: validation at the boundary, errors as data, and loud failure when a call has no handler.
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../src-main/api';
import { assertComplete, createDispatch } from '../../../../src-main/api/dispatch';
import type { ApiContext } from '../../../../src-main/api/types';
import { callNames } from '../../../../src-shared/contract/channels';
import { LodynError } from '../../../../src-shared/contract/envelope';

const ctx = {
  host: 'cli',
  dataRoot: '/nonexistent',
  catalogue: { file: '/nonexistent/catalogue.json', data: { schemaVersion: 1 }, update: async () => undefined },
  emit: () => undefined,
  startedAtMs: Date.now(),
} as unknown as ApiContext;

describe('createDispatch', () => {
  it('has a handler for every declared call', () => {
    expect(Object.keys(createHandlers()).sort()).toEqual([...callNames].sort());
  });

  it('fails loudly at startup when a declared call has no handler', () => {
    const handlers = createHandlers() as unknown as Record<string, unknown>;
    delete handlers['system:health'];
    expect(() => assertComplete(handlers)).toThrow(/no handler for system:health/);
    expect(() => assertComplete({ ...createHandlers(), 'bogus:call': () => 1 })).toThrow(
      /undeclared handlers bogus:call/,
    );
  });

  it('answers an unknown call with a NotFound envelope', async () => {
    const dispatch = createDispatch(createHandlers(), ctx);
    const res = await dispatch('nope:never', {});
    expect(res).toMatchObject({ ok: false, error: { name: 'NotFound' } });
  });

  it('rejects a bad request with a ValidationError naming the field', async () => {
    const dispatch = createDispatch(createHandlers(), ctx);
    const res = await dispatch('system:health', { extra: true });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.name).toBe('ValidationError');
      expect(res.error.field).toBe('extra');
    }
  });

  it('turns a thrown LodynError into data and back', async () => {
    const handlers = { ...createHandlers() };
    handlers['system:health'] = () => {
      throw new LodynError('Conflict', 'busy', { field: 'x', details: { max: 3 } });
    };
    const res = await createDispatch(handlers, ctx)('system:health', {});
    expect(res).toEqual({ ok: false, error: { name: 'Conflict', message: 'busy', field: 'x', details: { max: 3 } } });
    if (!res.ok) {
      const err = LodynError.fromData(res.error);
      expect(err).toBeInstanceOf(LodynError);
      expect(err.field).toBe('x');
    }
  });

  it('wraps unexpected errors as Internal without crashing the host', async () => {
    const handlers = { ...createHandlers() };
    handlers['system:health'] = () => {
      throw new TypeError('boom');
    };
    const res = await createDispatch(handlers, ctx)('system:health', {});
    expect(res).toEqual({ ok: false, error: { name: 'Internal', message: 'boom' } });
  });
});
