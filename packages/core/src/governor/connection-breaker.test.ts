import { ProviderError } from '@datasynth/providers';
import { describe, expect, it } from 'vitest';
import { ConnectionBreaker, EndpointUnreachableError } from './connection-breaker.js';

const refused = new ProviderError({ kind: 'network', message: 'Could not reach it: ECONNREFUSED.' });
const timedOut = new ProviderError({ kind: 'timeout', message: 'No answer after 2s.' });
const serverError = new ProviderError({ kind: 'server', message: 'Server error (500).', status: 500 });

describe('ConnectionBreaker', () => {
  it('opens at the first network failure before the endpoint ever answered', () => {
    const breaker = new ConnectionBreaker(3);
    const open = breaker.onFailure(refused);
    expect(open).toBeInstanceOf(EndpointUnreachableError);
    expect(open).toMatchObject({ reason: 'unreachable', failures: 1, retryable: false, kind: 'network' });
    // Every later failure gets the same error.
    expect(breaker.onFailure(timedOut)).toBe(open);
  });

  it('after an answer, opens only at the third network failure or timeout in a row', () => {
    const breaker = new ConnectionBreaker(3);
    breaker.onAnswer();
    expect(breaker.onFailure(refused)).toBeUndefined();
    expect(breaker.onFailure(timedOut)).toBeUndefined();
    expect(breaker.onFailure(timedOut)).toMatchObject({ reason: 'timeouts', failures: 3 });
  });

  it('an HTTP error is an answer: it resets the count', () => {
    const breaker = new ConnectionBreaker(3);
    expect(breaker.onFailure(timedOut)).toBeUndefined();
    expect(breaker.onFailure(timedOut)).toBeUndefined();
    expect(breaker.onFailure(serverError)).toBeUndefined();
    expect(breaker.onFailure(timedOut)).toBeUndefined();
    expect(breaker.onFailure(timedOut)).toBeUndefined();
    // The server answered before, so a refused connection now counts like a timeout.
    expect(breaker.onFailure(refused)).toMatchObject({ reason: 'unreachable', failures: 3 });
  });
});
