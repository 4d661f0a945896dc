import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServerGracefully } from './graceful-shutdown';

/** A server whose /slow answers after `ms`, to have requests in flight when shutting down. */
async function slowServer(): Promise<{ server: Server; url: string }> {
  const app = express();
  app.get('/slow', async (req, res) => {
    await new Promise((r) => setTimeout(r, Number(req.query['ms'])));
    res.json({ done: true });
  });
  app.get('/fast', (_req, res) => {
    res.json({ fast: true });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('graceful shutdown', () => {
  it('should let in-flight requests finish, close idle keep-alive connections and refuse new connections', async () => {
    // given a keep-alive connection that is idle and a request in flight
    const { server, url } = await slowServer();
    expect((await fetch(`${url}/fast`)).status).toBe(200);
    const inFlight = fetch(`${url}/slow?ms=400`);
    await new Promise((r) => setTimeout(r, 50));
    // when shutting down
    const started = Date.now();
    const closing = closeServerGracefully(server, 5000);
    // then the request in flight completes normally, new connections are refused, and close resolves unforced
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    await expect(fetch(`${url}/fast`)).rejects.toThrow();
    expect(await closing).toEqual({ forced: false });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('should cut requests still running after the timeout', async () => {
    // given a request that outlives the timeout
    const { server, url } = await slowServer();
    const inFlight = fetch(`${url}/slow?ms=1500`).then(
      () => 'answered',
      () => 'cut',
    );
    await new Promise((r) => setTimeout(r, 50));
    // when shutting down with a short timeout
    const result = await closeServerGracefully(server, 300);
    // then it was cut
    expect(result).toEqual({ forced: true });
    expect(await inFlight).toBe('cut');
  });
});
