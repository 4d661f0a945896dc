import type { Server } from 'node:http';

/**
 * Stops accepting connections, lets in-flight requests finish, then resolves. Idle keep-alive connections are closed
 * at once (they would hold `close` forever); connections still busy after `timeoutMs` are cut. Returns whether the
 * timeout had to cut any.
 */
export function closeServerGracefully(server: Server, timeoutMs: number): Promise<{ forced: boolean }> {
  return new Promise((resolve) => {
    let forced = false;
    const timer = setTimeout(() => {
      forced = true;
      server.closeAllConnections();
    }, timeoutMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve({ forced });
    });
    server.closeIdleConnections();
    // connections that become idle after their last response are closed as they finish
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    sweep.unref();
    server.once('close', () => clearInterval(sweep));
  });
}
