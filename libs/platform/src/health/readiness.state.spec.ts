import { ReadinessState } from './readiness.state';

describe('ReadinessState', () => {
  it('flips on a shutdown signal and stops listening once the app has shut down', () => {
    const state = new ReadinessState();
    const before = process.listenerCount('SIGTERM');
    state.listenForShutdownSignals();
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    const listener = process.listeners('SIGTERM').at(-1) as () => void;
    listener(); // as if SIGTERM arrived, without killing the test runner
    expect(state.isShuttingDown).toBe(true);
    state.onApplicationShutdown();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});
