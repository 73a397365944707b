import net from 'node:net';

/** A TCP port on 127.0.0.1 that nothing listens on right now, for a server a test, bench or e2e run starts. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
